# End-to-end tests: real guests under build/bin/zeroos-run, compared with their native runs.
add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/../guests ${CMAKE_BINARY_DIR}/tests/guests)

file(GLOB ZEROOS_E2E_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
add_executable(e2e-tests ${ZEROOS_E2E_SOURCES})
target_link_libraries(e2e-tests PRIVATE zeroos_catch_main)
target_compile_definitions(e2e-tests PRIVATE
  ZEROOS_RUN="$<TARGET_FILE:zeroos-run>"
  ZEROOS_REPLAY="$<TARGET_FILE:zeroos-replay>"
  ZEROOS_EXAMPLES_DIR="${ZEROOS_EXAMPLES_DIR}"
  ZEROOS_GUESTS_DIR="${ZEROOS_GUESTS_DIR}")
if(ZEROOS_RISCV_ENABLED)
  find_program(ZEROOS_RISCV_OBJDUMP riscv64-unknown-elf-objdump REQUIRED)
  target_compile_definitions(e2e-tests PRIVATE ZEROOS_RISCV_ENABLED ZEROOS_RISCV_OBJDUMP="${ZEROOS_RISCV_OBJDUMP}"
    ZEROOS_CC="${ZEROOS_CC}" ZEROOS_CXX="${ZEROOS_CXX}")
endif()
if(ZEROOS_RUST_ENABLED)
  target_compile_definitions(e2e-tests PRIVATE ZEROOS_RUST_ENABLED ZEROOS_RUSTC="${ZEROOS_RUSTC}" ZEROOS_CARGO="${ZEROOS_CARGO}"
    ZEROOS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
catch_discover_tests(e2e-tests TEST_PREFIX "e2e: ")
