#pragma once

#include "base/result.h"
#include "base/string.h"
#include "core/chacha20.h"
#include "core/clock.h"
#include "core/fd_table.h"
#include "mm/memory_manager.h"
#include "proc/process.h"
#include "sched/threads.h"
#include "signals/signals.h"
#include "syscalls.h"
#include "vfs/file_space.h"
#if ZEROOS_FEATURE_VFS
#include "vfs/vfs.h"
#endif

namespace zeroos {

// Everything a run is a function of, besides the program and its inputs.
struct BootConfig {
    u64 seed = 0; // --seed: the ChaCha20 key for getrandom, /dev/urandom, AT_RANDOM
    i64 epoch_seconds = 0; // --epoch: CLOCK_REALTIME at boot
    const char* program_path = ""; // what /proc/self/exe points to
    bool unsupported_returns_enosys = false; // --on-unsupported=enosys
    u32 max_fds = 1024; // RLIMIT_NOFILE
    u32 max_threads = 1024; // --max-threads: clone fails with EAGAIN beyond it
    u64 file_space_bytes = 0; // --fs-size: the most file data the VFS holds; 0 = only the heap bounds it
};

// The whole kernel state of one guest. A platform boots exactly one and feeds it syscalls through
// dispatch_syscall (syscall.h); unit tests make a fresh one per test.
class Kernel {
public:
    Kernel() = default;
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    // Requires the kernel heap to be initialised (kernel_heap().init) and the platform ready.
    ErrorOr<void> boot(const BootConfig&);

    const BootConfig& config() const { return config_; }
    const char* program_path() const { return program_path_.c_str(); }
    ProcessState& process() { return process_; }
    VirtualClock& clock() { return clock_; }
    ChaCha20Stream& random() { return random_; }
    MemoryManager& memory() { return memory_; }
    FileSpace& file_space() { return file_space_; }
#if ZEROOS_FEATURE_VFS
    Vfs& vfs() { return vfs_; }
#endif
    FdTable& fds() { return fds_; }
    SignalState& signals() { return signals_; }
    // Inode numbers count up from 1 in creation order, the console's included.
    u64 next_inode_number() { return next_inode_number_++; }
    ThreadTable& threads() { return threads_; }
    Attention& attention() { return attention_; }
    // Where attention() lives in a Kernel: 0, for riscv/trap.S. (offsetof is only "conditionally
    // supported" for a class like this one; GCC and Clang lay it out in declaration order.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
    static constexpr size_t attention_offset() { return __builtin_offsetof(Kernel, attention_); }
#pragma GCC diagnostic pop

    // True the first time an unsupported request with this number, in this ABI's numbering, is
    // reported. Numbers past every table share one bit per ABI: they are all "no such call".
    bool first_unsupported_report(SyscallAbi abi, long number)
    {
        u64 slot = number >= 0 && static_cast<u64>(number) < kReportedPerAbi - 1 ? static_cast<u64>(number) : kReportedPerAbi - 1;
        u64 bit = static_cast<u64>(abi) * kReportedPerAbi + slot;
        bool first = !(reported_unsupported_[bit / 64] & (1ull << (bit % 64)));
        reported_unsupported_[bit / 64] |= 1ull << (bit % 64);
        return first;
    }

private:
    // First, at offset 0: riscv/trap.S tests it there.
    Attention attention_;
    static constexpr u64 kReportedPerAbi = 1024;
    static constexpr u64 kReportedBits = 2 * kReportedPerAbi;
    u64 reported_unsupported_[kReportedBits / 64] = {};
    BootConfig config_;
    String program_path_;
    ProcessState process_ { attention_ };
    VirtualClock clock_;
    ChaCha20Stream random_;
    FileSpace file_space_; // before everything that can hold a file's pages
    MemoryManager memory_;
    ThreadTable threads_ { attention_ }; // declared before the files, which may wake threads while being torn down
#if ZEROOS_FEATURE_VFS
    Vfs vfs_;
#endif
    FdTable fds_;
    SignalState signals_;
    u64 next_inode_number_ = 1;
};

} // namespace zeroos
