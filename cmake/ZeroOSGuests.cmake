# Static x86-64 guests, built with both C libraries ZeroOS supports on the host:
#   NAME        with musl: by musl-gcc -static when every source is C, else by zeroos-c++ --target
#               host, which links the libstdc++ ./bootstrap built for x86-64 musl (the same source
#               and flags as the RISC-V one): the build a vApp's RISC-V twin is compared with
#   NAME-glibc  with the system compiler and -static
find_program(ZEROOS_MUSL_GCC musl-gcc REQUIRED)

function(zeroos_add_guest name)
  cmake_parse_arguments(GUEST "C_ONLY" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT GUEST_OUTPUT_DIRECTORY)
    set(GUEST_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  add_executable(${name}-glibc ${GUEST_SOURCES})
  # -g for file:line in crash reports; an .eh_frame_hdr (which gcc leaves out of static links) lets
  # libunwind find the unwind tables, so backtraces go past the first frame.
  target_compile_options(${name}-glibc PRIVATE -g)
  target_link_options(${name}-glibc PRIVATE -static -Wl,--eh-frame-hdr)
  target_link_libraries(${name}-glibc PRIVATE ${GUEST_LIBRARIES})
  set_target_properties(${name}-glibc PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${GUEST_OUTPUT_DIRECTORY})

  set(c_sources "")
  set(cxx_sources "")
  foreach(source ${GUEST_SOURCES})
    if(source MATCHES "\\.c$")
      list(APPEND c_sources ${CMAKE_CURRENT_SOURCE_DIR}/${source})
    elseif(source MATCHES "\\.(cpp|cc|cxx|C)$")
      list(APPEND cxx_sources ${source})
    endif()
  endforeach()
  set(libraries "")
  foreach(library ${GUEST_LIBRARIES})
    list(APPEND libraries -l${library})
  endforeach()
  set(output ${GUEST_OUTPUT_DIRECTORY}/${name})
  set(flags -O2 -g -Wall -Wextra -Werror)
  if(c_sources AND NOT cxx_sources)
    add_custom_command(
      OUTPUT ${output}
      COMMAND ${ZEROOS_MUSL_GCC} -static -Wl,--eh-frame-hdr ${flags} -o ${output} ${c_sources} ${libraries}
      DEPENDS ${c_sources}
      COMMENT "musl-gcc ${name}"
      VERBATIM)
    add_custom_target(${name}-musl-build ALL DEPENDS ${output})
  elseif(cxx_sources AND ZEROOS_CXX)
    # As the RISC-V build below: C sources become objects first, zeroos-c++ links them all.
    set(commands "")
    set(cxx_paths "")
    foreach(source ${cxx_sources})
      list(APPEND cxx_paths ${CMAKE_CURRENT_SOURCE_DIR}/${source})
    endforeach()
    set(inputs ${cxx_paths})
    set(objects_dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.objects)
    set(index 0)
    foreach(source ${c_sources})
      get_filename_component(base ${source} NAME_WE)
      set(object ${objects_dir}/${index}-${base}.o)
      list(APPEND commands COMMAND ${CMAKE_COMMAND} -E make_directory ${objects_dir}
        COMMAND ${ZEROOS_CC} --target host ${flags} -c -o ${object} ${source})
      list(APPEND inputs ${object})
      math(EXPR index "${index} + 1")
    endforeach()
    add_custom_command(
      OUTPUT ${output}
      ${commands}
      COMMAND ${ZEROOS_CXX} --target host ${flags} -o ${output} ${inputs} ${libraries}
      DEPENDS ${c_sources} ${cxx_paths} ${ZEROOS_CC} ${ZEROOS_MUSL_UNWIND_TARGET}
      COMMENT "zeroos-c++ --target host ${name}"
      VERBATIM)
    add_custom_target(${name}-musl-build ALL DEPENDS ${output})
  endif()
endfunction()

# A vApp: the same sources built for the host (NAME with musl from C sources, and NAME-glibc; run
# with zeroos-run) and for bare-metal RISC-V (NAME.rv64, linked with musl and the ZeroOS kernel by
# zeroos-cc, or by zeroos-c++ when any source is C++).
# In this project's own build the runtime is the riscv-runtime target (and the host's unwinder
# support zeroos-musl-unwind); from an install tree (find_package(ZeroOS)) they are already built.
if(TARGET riscv-runtime)
  set(ZEROOS_RISCV_RUNTIME_TARGET riscv-runtime)
endif()
if(TARGET zeroos-musl-unwind)
  set(ZEROOS_MUSL_UNWIND_TARGET zeroos-musl-unwind)
endif()

function(zeroos_add_vapp name)
  cmake_parse_arguments(VAPP "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT VAPP_OUTPUT_DIRECTORY)
    set(VAPP_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  zeroos_add_guest(${name} SOURCES ${VAPP_SOURCES} LIBRARIES ${VAPP_LIBRARIES} OUTPUT_DIRECTORY ${VAPP_OUTPUT_DIRECTORY})
  if(NOT ZEROOS_RISCV_ENABLED)
    return()
  endif()
  set(flags -O2 -g -Wall -Wextra -Werror)
  set(c_sources "")
  set(cxx_sources "")
  foreach(source ${VAPP_SOURCES})
    if(source MATCHES "\\.(cpp|cc|cxx|C)$")
      list(APPEND cxx_sources ${CMAKE_CURRENT_SOURCE_DIR}/${source})
    else()
      list(APPEND c_sources ${CMAKE_CURRENT_SOURCE_DIR}/${source})
    endif()
  endforeach()
  set(libraries "")
  foreach(library ${VAPP_LIBRARIES})
    list(APPEND libraries -l${library})
  endforeach()
  set(output ${VAPP_OUTPUT_DIRECTORY}/${name}.rv64)
  set(driver ${ZEROOS_CC})
  set(driver_name zeroos-cc)
  set(runtime ${ZEROOS_RISCV_RUNTIME_LIBRARIES})
  set(inputs ${c_sources})
  set(commands "")
  if(cxx_sources)
    set(driver ${ZEROOS_CXX})
    set(driver_name zeroos-c++)
    # zeroos-c++ compiles every source as C++ (as c++ does), so C sources become objects first.
    set(inputs ${cxx_sources})
    set(objects_dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.rv64.objects)
    set(index 0)
    foreach(source ${c_sources})
      get_filename_component(base ${source} NAME_WE)
      set(object ${objects_dir}/${index}-${base}.o)
      list(APPEND commands COMMAND ${CMAKE_COMMAND} -E make_directory ${objects_dir} COMMAND ${ZEROOS_CC} ${flags} -c -o ${object} ${source})
      list(APPEND inputs ${object})
      math(EXPR index "${index} + 1")
    endforeach()
  endif()
  add_custom_command(
    OUTPUT ${output}
    ${commands}
    COMMAND ${driver} ${flags} -o ${output} ${inputs} ${libraries}
    DEPENDS ${c_sources} ${cxx_sources} ${ZEROOS_RISCV_RUNTIME_TARGET} ${runtime} ${ZEROOS_CC}
    COMMENT "${driver_name} ${name}.rv64"
    VERBATIM)
  add_custom_target(${name}-rv64-build ALL DEPENDS ${VAPP_OUTPUT_DIRECTORY}/${name}.rv64)
endfunction()
