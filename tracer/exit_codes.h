#pragma once

// Every exit status zeroos-run chooses itself, in one place. A guest's own exit status, and
// 128 + signal for a guest ended by a signal, pass through unchanged.
namespace zeroos::tracer::exit_code {

inline constexpr int kUsage = 2; // bad command line, bad --mount/--rootfs
inline constexpr int kUnsupportedProgram = 2; // not ELF, 32-bit, RISC-V, dynamically linked
inline constexpr int kReplayDiverged = 3; // zeroos-replay: the run departed from the recording
inline constexpr int kReplayIncomplete = 4; // zeroos-replay: the recording ends before the run did
inline constexpr int kSoftware = 70; // EX_SOFTWARE: fail-fast stops, int 0x80, ptrace failures
inline constexpr int kTimeout = 124; // --timeout ran out (as timeout(1) says it)
inline constexpr int kCannotExecute = 126; // the program exists but cannot be executed
inline constexpr int kNotFound = 127; // no such program file
inline constexpr int kSignalBase = 128; // + signal number

} // namespace zeroos::tracer::exit_code
