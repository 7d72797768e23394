# End-to-end tests: real guests under build/bin/zeroos-run, compared with their native runs.
if(ZEROOS_GUESTS_TREE)
  # The sanitizer tree: this tree's zeroos-run and zeroos-replay (under ASan and UBSan when
  # ZEROOS_SANITIZE) against the guests and examples of the tree they were built in, so none is
  # built twice. Only the suites about hostile guests and damaged traces run here.
  set(ZEROOS_GUESTS_DIR ${ZEROOS_GUESTS_TREE}/tests/guests)
  set(ZEROOS_EXAMPLES_DIR ${ZEROOS_GUESTS_TREE}/examples)
  set(ZEROOS_E2E_SOURCES ${CMAKE_CURRENT_LIST_DIR}/process.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hostile_containment_test.cpp ${CMAKE_CURRENT_LIST_DIR}/hostile_limits_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replay_test.cpp)
  set(ZEROOS_E2E_PREFIX "e2e sanitized: ")
else()
  add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/../guests ${CMAKE_BINARY_DIR}/tests/guests)
  file(GLOB ZEROOS_E2E_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
  set(ZEROOS_E2E_PREFIX "e2e: ")
endif()

add_executable(e2e-tests ${ZEROOS_E2E_SOURCES})
target_link_libraries(e2e-tests PRIVATE zeroos_catch_main)
target_compile_definitions(e2e-tests PRIVATE
  ZEROOS_RUN="$<TARGET_FILE:zeroos-run>"
  ZEROOS_REPLAY="$<TARGET_FILE:zeroos-replay>"
  ZEROOS_EXAMPLES_DIR="${ZEROOS_EXAMPLES_DIR}"
  ZEROOS_GUESTS_DIR="${ZEROOS_GUESTS_DIR}")
if(ZEROOS_SANITIZE)
  # process.cpp fails a test whose zeroos-run or zeroos-replay printed a sanitizer report.
  target_compile_definitions(e2e-tests PRIVATE ZEROOS_SANITIZED)
endif()
if(ZEROOS_RISCV_ENABLED AND NOT ZEROOS_GUESTS_TREE)
  find_program(ZEROOS_RISCV_OBJDUMP riscv64-unknown-elf-objdump REQUIRED)
  target_compile_definitions(e2e-tests PRIVATE ZEROOS_RISCV_ENABLED ZEROOS_RISCV_OBJDUMP="${ZEROOS_RISCV_OBJDUMP}"
    ZEROOS_CC="${ZEROOS_CC}" ZEROOS_CXX="${ZEROOS_CXX}")
endif()
if(ZEROOS_RUST_ENABLED AND NOT ZEROOS_GUESTS_TREE)
  target_compile_definitions(e2e-tests PRIVATE ZEROOS_RUST_ENABLED ZEROOS_RUSTC="${ZEROOS_RUSTC}" ZEROOS_CARGO="${ZEROOS_CARGO}"
    ZEROOS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
# A hung guest or tracer fails its test instead of holding CI until its overall limit.
catch_discover_tests(e2e-tests TEST_PREFIX "${ZEROOS_E2E_PREFIX}" PROPERTIES TIMEOUT 300)
