#pragma once

#include "platform.h"
#include "port.h"

// Boot-time wiring between riscv/boot.cpp and riscv/platform.cpp.
namespace zeroos::riscv {

void set_memory_regions(platform::Region kernel_heap, platform::Region arena);
void set_stdin(const u8* data, size_t size);
// Stdin comes from the port's stdin_read as the vApp reads it, not from the tape.
void set_stdin_streamed();
const Port& port();

} // namespace zeroos::riscv
