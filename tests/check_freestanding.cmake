# Compiles every kernel source for bare-metal rv64imac with the cross compiler, which has no C++
# library headers: any host dependency that creeps into kernel/ fails here.
# Usage: cmake -DCOMPILER=... -DKERNEL_DIR=... -DOUTPUT_DIR=... -P check_freestanding.cmake
file(GLOB_RECURSE sources ${KERNEL_DIR}/*.cpp)
file(MAKE_DIRECTORY ${OUTPUT_DIR})
set(failures 0)
foreach(source ${sources})
  get_filename_component(name ${source} NAME_WE)
  execute_process(
    COMMAND ${COMPILER} -std=gnu++20 -march=rv64imac -mabi=lp64 -mcmodel=medany -ffreestanding -fno-exceptions -fno-rtti
            -fno-threadsafe-statics -Wall -Wextra -Werror -O2 -I${KERNEL_DIR} -c ${source} -o ${OUTPUT_DIR}/${name}.o
    RESULT_VARIABLE result
    ERROR_VARIABLE errors)
  if(NOT result EQUAL 0)
    message("${source}:\n${errors}")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()
list(LENGTH sources count)
if(failures GREATER 0)
  message(FATAL_ERROR "${failures} of ${count} kernel sources do not compile freestanding for rv64imac")
endif()
message("all ${count} kernel sources compile freestanding for rv64imac")
