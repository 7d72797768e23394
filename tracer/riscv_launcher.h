#pragma once

// Running a RISC-V vApp (an ELF linked by zeroos-cc) under qemu-system-riscv64, wired like a host
// run: argv, environment, --seed/--epoch and the files travel on the input tape; stdin is read
// from the host as the vApp asks for it (riscv/port.h, kStdinRequestStream); the guest's stdout
// and stderr come back framed over the one UART and are separated again here.

#include "options.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct RiscvRun {
    std::string program;
    std::vector<std::string> arguments; // argv, argv[0] included
    std::vector<std::string> environment;
    uint64_t seed = 0;
    int64_t epoch_seconds = 0;
    bool unsupported_returns_enosys = false;
    uint32_t max_fds = 1024;
    uint32_t max_threads = 1024;
    uint64_t file_space_bytes = 0; // --fs-size; 0: the vApp's kernel heap is the bound
    std::string rootfs; // a tar file unpacked as /, or empty
    std::optional<std::string> root_archive; // the --rootfs bytes themselves (a replay's), instead of the file
    std::optional<std::string> input; // stdin's bytes (a replay's), on the tape whole instead of streaming the host's stdin
    std::string mounts_archive; // the --mount trees packed as a tar (tape_archive.h)
    std::vector<std::string> read_only_directories; // guest directories of :ro mounts
    // Every --mount with its host directory canonical: the :rw ones are written back at exit.
    std::vector<zeroos::tracer::MountSpec> mounts;
    bool print_statistics = false; // --stats: the per-syscall table and the exact instruction count at exit
    bool count_instructions = false; // --count-instructions: the count alone, without --stats' bookkeeping
    unsigned timeout_seconds = 0; // --timeout: qemu is killed after this much wall-clock time; 0 for never
    bool trace = false; // --trace
    uint64_t trace_selection[8] = {}; // generic syscall numbers to trace, one bit each
    std::string trace_file; // where trace lines go; empty: stderr
    int gdb_port = 0; // --gdb: qemu's gdb server on this port, halted at the first instruction
};

// Runs the vApp to completion and returns the exit status for zeroos-run (the guest's own, or
// 128 + signal). Problems before the guest starts are reported on stderr and give status 2.
int run_riscv_vapp(const RiscvRun&);
