#pragma once

#include "core/linux_abi.h"
#include "core/timespec.h"
#include "proc/linux_abi.h"
#include "signals/linux_abi.h"
#include "syscall_arguments.h"
#include "time/linux_abi.h"

namespace zeroos {

enum class SyscallGroup { core, vfs, mm, time, random, proc, sched, signals, threads };
enum class SyscallSupport { IMPLEMENTED, QUIET_ENOSYS, FAILFAST };

struct SyscallInfo {
    long number; // asm-generic
    const char* name;
    SyscallGroup group;
    SyscallSupport support;
    SyscallHandler handler; // null unless IMPLEMENTED and its group is built in
    ArgumentList arguments; // the parameter kinds and names of syscalls.def
    // Why an IMPLEMENTED call has no handler: "the <feature> feature is not built into this
    // kernel" when its group was left out (-DZEROOS_FEATURES); null otherwise.
    const char* missing_feature;
};

// Which groups this kernel is built with. core, mm and proc always are; the others follow
// -DZEROOS_FEATURES (kernel/CMakeLists.txt defines ZEROOS_FEATURE_<NAME> to 0 or 1). Each macro
// picks its first argument when the group is built in, its second when not: the syscall table
// derives each entry's handler from it, so the check lives in one place.
#define ZEROOS_IF_GROUP_core(built, absent) built
#define ZEROOS_IF_GROUP_mm(built, absent) built
#define ZEROOS_IF_GROUP_proc(built, absent) built
#define ZEROOS_IF_GROUP_sched(built, absent) built
#define ZEROOS_IF_FEATURE_0(built, absent) absent
#define ZEROOS_IF_FEATURE_1(built, absent) built
#define ZEROOS_IF_FEATURE(enabled, built, absent) ZEROOS_IF_FEATURE_EXPAND(enabled, built, absent)
#define ZEROOS_IF_FEATURE_EXPAND(enabled, built, absent) ZEROOS_IF_FEATURE_##enabled(built, absent)
#define ZEROOS_IF_GROUP_vfs(built, absent) ZEROOS_IF_FEATURE(ZEROOS_FEATURE_VFS, built, absent)
#define ZEROOS_IF_GROUP_threads(built, absent) ZEROOS_IF_FEATURE(ZEROOS_FEATURE_THREADS, built, absent)
#define ZEROOS_IF_GROUP_time(built, absent) ZEROOS_IF_FEATURE(ZEROOS_FEATURE_TIME, built, absent)
#define ZEROOS_IF_GROUP_random(built, absent) ZEROOS_IF_FEATURE(ZEROOS_FEATURE_RANDOM, built, absent)
#define ZEROOS_IF_GROUP_signals(built, absent) ZEROOS_IF_FEATURE(ZEROOS_FEATURE_SIGNALS, built, absent)
#ifndef ZEROOS_FEATURE_VFS
#define ZEROOS_FEATURE_VFS 1
#endif
#ifndef ZEROOS_FEATURE_THREADS
#define ZEROOS_FEATURE_THREADS 1
#endif
#ifndef ZEROOS_FEATURE_TIME
#define ZEROOS_FEATURE_TIME 1
#endif
#ifndef ZEROOS_FEATURE_RANDOM
#define ZEROOS_FEATURE_RANDOM 1
#endif
#ifndef ZEROOS_FEATURE_SIGNALS
#define ZEROOS_FEATURE_SIGNALS 1
#endif
// The feature that carries a group, as -DZEROOS_FEATURES spells it.
#define ZEROOS_FEATURE_NAME_core "core"
#define ZEROOS_FEATURE_NAME_mm "mm"
#define ZEROOS_FEATURE_NAME_proc "proc"
#define ZEROOS_FEATURE_NAME_sched "sched"
#define ZEROOS_FEATURE_NAME_vfs "vfs"
#define ZEROOS_FEATURE_NAME_threads "threads"
#define ZEROOS_FEATURE_NAME_time "time"
#define ZEROOS_FEATURE_NAME_random "random"
#define ZEROOS_FEATURE_NAME_signals "signals"

// Numbers are below this; fast paths index tables by number.
constexpr long kSyscallNumberLimit = 512;

// An entry's handler as its support level gives it (with ZEROOS_IF_GROUP_<group>, the whole rule).
#define ZEROOS_HANDLER_IMPLEMENTED(name) &unpack_and_call<&sys_##name>
#define ZEROOS_HANDLER_QUIET_ENOSYS(name) nullptr
#define ZEROOS_HANDLER_FAILFAST(name) nullptr

// Declarations of every implemented handler, derived from syscalls.def.
#define ZEROOS_DECLARE_IMPLEMENTED(name, parameters) SyscallResult sys_##name(Kernel& ZEROOS_AFTER_KERNEL parameters);
#define ZEROOS_DECLARE_QUIET_ENOSYS(name, parameters)
#define ZEROOS_DECLARE_FAILFAST(name, parameters)
#define SYSCALL(number, name, group, support, parameters) ZEROOS_DECLARE_##support(name, parameters)
#include "syscalls.def"
#undef SYSCALL

// The list entry for a generic syscall number, or nullptr when ZeroOS has never heard of it.
const SyscallInfo* syscall_info(long number);
const SyscallInfo* syscall_info_by_name(const char* name);
// The whole list, in number order (for docs/syscalls.md and the trace decoder).
const SyscallInfo* syscall_list(size_t& count);

// One stopped system call, as an architecture shim hands it to the kernel.
// The numbering a SyscallRequest's number is in: asm-generic (what the kernel dispatches), or the
// x86-64 shim's own for a call it serves by an adapter or cannot serve at all.
enum class SyscallAbi : u8 { Generic, X86_64 };

struct SyscallRequest {
    long number = -1; // in `abi`'s numbering
    SyscallArgs args;
    u64 pc = 0; // guest pc of the trapping instruction, for reports
    const char* arch_name = nullptr; // the architecture's own name for the call, if it differs
    SyscallAbi abi = SyscallAbi::Generic;
};

// What the platform must do after a syscall:
//   Return  give the calling thread `value` in its return register and resume it;
//   Switch  the calling thread waits (its result comes later): keep its context (unless it
//           exited: platform::thread_destroy named it), then resume thread `resume_tid` with
//           `value` in its return register (what its own blocking syscall, or its clone, returns);
//   Exit    the run is over; the kernel's ProcessState says how it ended.
struct SyscallOutcome {
    enum class Kind { Return, Switch, Exit };
    Kind kind;
    long value;
    int resume_tid = 0;
};

// The kernel's single entry point: looks the call up, runs its handler, converts errors to -errno
// (the one place this happens) and applies the fail-fast rule.
SyscallOutcome dispatch_syscall(Kernel&, const SyscallRequest&);
// dispatch_syscall without the --trace/--stats observer (kernel/strace/observer.h), which calls it.
SyscallOutcome serve_syscall_request(Kernel&, const SyscallRequest&);
// The part of dispatch_syscall after the lookup, for architecture adapters that serve a call with
// a handler of their own: runs it, converts its result, and switches threads when it blocked.
SyscallOutcome run_handler(Kernel&, const SyscallRequest&, const char* name, const ArgumentList* arguments, SyscallHandler);
// The part of run_handler after the handler returned, for fast paths that call handlers themselves
// and come here when the result is not a plain value or the kernel's attention flag is up.
SyscallOutcome finish_handler(
    Kernel&, const SyscallRequest&, const char* name, const ArgumentList* arguments, SyscallHandler, const SyscallResult&);

// Stops the guest because ZeroOS does not implement what it asked for: one report line naming the
// call with its decoded arguments and pc, then exit status 70. With --on-unsupported=enosys the call
// answers -ENOSYS instead (after the same line, printed once per syscall number).
SyscallOutcome fail_unsupported(Kernel&, const SyscallRequest&, const char* name, const ArgumentList* arguments, const char* detail);

} // namespace zeroos
