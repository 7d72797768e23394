#pragma once

#include "base/types.h"

// What a zkVM (or emulator) port provides. A port writes exactly one function,
// __platform_bootstrap(), which fills a Port and hands it to install_port(). Everything else
// (trap vector, kernel, initial stack) is the same on every RISC-V target.
extern "C" void __platform_bootstrap();

namespace zeroos::riscv {

// Console streams besides the guest's stdout (1) and stderr (2), read by zeroos-run.
constexpr int kStatisticsStream = 3; // 8 bytes at the end: minstret, little-endian
constexpr int kTraceStream = 4; // --trace lines
constexpr int kStatisticsTableStream = 5; // the --stats table, as text
constexpr int kChangesStream = 6; // at exit: a tar of what changed under :rw mounts (vfs_export_changes)
// Streamed stdin (a tape with kTapeStdinStreamed): the vApp asks for at most N bytes with a frame on
// this stream whose 4 bytes are N, little-endian, N <= kStdinRequestMax; the launcher answers on
// the console's input with 4 bytes, the count it read (0 at the end of input) or -errno as a
// little-endian int32, then that many bytes.
constexpr int kStdinRequestStream = 7;
constexpr u32 kStdinRequestMax = 4096;

struct Port {
    // Writes guest output: stream 1 is stdout, 2 is stderr; kernel streams above.
    void (*console_write)(int stream, const char* data, size_t length);
    // Ends the run with this exit status.
    void (*exit)(int status); // never returns
    // The input tape (riscv/tape.h), or nullptr when the program gets no input.
    const u8* tape;
    // Optional: reads at most `length` bytes of stdin from the host as they come, blocking until
    // some arrive; returns the count, 0 at the end of input, or -errno. Used only when the tape
    // says stdin is streamed (kTapeStdinStreamed); a port without a launcher leaves it null and
    // gets stdin from the tape.
    long (*stdin_read)(void* data, size_t length) = nullptr;
};

void install_port(const Port&);
// Points mtvec at the ZeroOS trap vector. Ports call it from __platform_bootstrap.
void install_trap_vector();

// Where the linker leaves free RAM (after .bss); a launcher that loads the tape with the image
// puts it here.
const u8* free_memory_start();

} // namespace zeroos::riscv
