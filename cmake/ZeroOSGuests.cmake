# Static x86-64 guests, built with both C libraries ZeroOS supports on the host:
#   NAME        with musl: by musl-gcc -static when every source is C, else by zeroos-c++ --target
#               host, which links the libstdc++ ./bootstrap built for x86-64 musl (the same source
#               and flags as the RISC-V one): the build a vApp's RISC-V twin is compared with
#   NAME-glibc  with the system compiler and -static
find_program(ZEROOS_MUSL_GCC musl-gcc REQUIRED)

# Compiles each of SOURCES (absolute paths) with COMPILER and FLAGS into OBJECTS_DIR, one custom
# command per source with a depfile, so an edited header rebuilds the objects that include it.
# Sets OUTPUT_VARIABLE to the objects, in source order.
function(zeroos_guest_objects output_variable objects_dir compiler)
  cmake_parse_arguments(OBJECTS "" "" "FLAGS;SOURCES;DEPENDS" ${ARGN})
  set(objects "")
  set(index 0)
  foreach(source ${OBJECTS_SOURCES})
    get_filename_component(base ${source} NAME_WE)
    set(object ${objects_dir}/${index}-${base}.o)
    add_custom_command(
      OUTPUT ${object}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${objects_dir}
      COMMAND ${compiler} ${OBJECTS_FLAGS} -MD -MF ${object}.d -c -o ${object} ${source}
      DEPENDS ${source} ${OBJECTS_DEPENDS}
      DEPFILE ${object}.d
      COMMENT "compiling ${base} for ${objects_dir}"
      VERBATIM)
    list(APPEND objects ${object})
    math(EXPR index "${index} + 1")
  endforeach()
  set(${output_variable} ${objects} PARENT_SCOPE)
endfunction()

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
      list(APPEND cxx_sources ${CMAKE_CURRENT_SOURCE_DIR}/${source})
    endif()
  endforeach()
  set(libraries "")
  foreach(library ${GUEST_LIBRARIES})
    list(APPEND libraries -l${library})
  endforeach()
  set(output ${GUEST_OUTPUT_DIRECTORY}/${name})
  set(flags -O2 -g -Wall -Wextra -Werror)
  set(objects_dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.objects)
  if(c_sources AND NOT cxx_sources)
    zeroos_guest_objects(objects ${objects_dir} ${ZEROOS_MUSL_GCC} FLAGS ${flags} SOURCES ${c_sources})
    add_custom_command(
      OUTPUT ${output}
      COMMAND ${ZEROOS_MUSL_GCC} -static -Wl,--eh-frame-hdr ${flags} -o ${output} ${objects} ${libraries}
      DEPENDS ${objects}
      COMMENT "musl-gcc ${name}"
      VERBATIM)
    add_custom_target(${name}-musl-build ALL DEPENDS ${output})
  elseif(cxx_sources AND ZEROOS_CXX)
    # As the RISC-V build below: C sources with zeroos-cc, C++ ones with zeroos-c++, which links.
    set(host_flags --target host ${flags})
    zeroos_guest_objects(c_objects ${objects_dir} ${ZEROOS_CC} FLAGS ${host_flags} SOURCES ${c_sources} DEPENDS ${ZEROOS_CC})
    zeroos_guest_objects(cxx_objects ${objects_dir}/c++ ${ZEROOS_CXX} FLAGS ${host_flags} SOURCES ${cxx_sources} DEPENDS ${ZEROOS_CC})
    add_custom_command(
      OUTPUT ${output}
      COMMAND ${ZEROOS_CXX} ${host_flags} -o ${output} ${cxx_objects} ${c_objects} ${libraries}
      DEPENDS ${cxx_objects} ${c_objects} ${ZEROOS_CC} ${ZEROOS_MUSL_UNWIND_TARGET}
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
  set(objects_dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.rv64.objects)
  # C sources with zeroos-cc and C++ ones with zeroos-c++ (which then links, with libstdc++).
  zeroos_guest_objects(c_objects ${objects_dir} ${ZEROOS_CC} FLAGS ${flags} SOURCES ${c_sources} DEPENDS ${ZEROOS_CC})
  set(cxx_objects "")
  if(cxx_sources)
    set(driver ${ZEROOS_CXX})
    set(driver_name zeroos-c++)
    zeroos_guest_objects(cxx_objects ${objects_dir}/c++ ${ZEROOS_CXX} FLAGS ${flags} SOURCES ${cxx_sources} DEPENDS ${ZEROOS_CC})
  endif()
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${driver} ${flags} -o ${output} ${cxx_objects} ${c_objects} ${libraries}
    DEPENDS ${cxx_objects} ${c_objects} ${ZEROOS_RISCV_RUNTIME_TARGET} ${runtime} ${ZEROOS_CC}
    COMMENT "${driver_name} ${name}.rv64"
    VERBATIM)
  add_custom_target(${name}-rv64-build ALL DEPENDS ${VAPP_OUTPUT_DIRECTORY}/${name}.rv64)
endfunction()
