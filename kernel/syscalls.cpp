#include "syscalls.h"

#include "base/format.h"
#include "base/memory.h"
#include "kernel.h"
#include "strace/decode.h"
#include "strace/observer.h"

namespace zeroos {

namespace {

#define ZEROOS_MISSING_IMPLEMENTED(group) "the " ZEROOS_FEATURE_NAME_##group " feature is not built into this kernel"
#define ZEROOS_MISSING_QUIET_ENOSYS(group) nullptr
#define ZEROOS_MISSING_FAILFAST(group) nullptr

    // A call of a group left out of the build keeps its entry (it is still decoded and reported)
    // but names no handler, so none of the group's code is linked.
    constexpr SyscallInfo kSyscalls[] = {
#define SYSCALL(number, name, group, support, parameters)                                                                                  \
    { number, #name, SyscallGroup::group, SyscallSupport::support, ZEROOS_IF_GROUP_##group(ZEROOS_HANDLER_##support(name), nullptr),       \
        ZEROOS_ARGUMENTS(parameters), ZEROOS_IF_GROUP_##group(nullptr, ZEROOS_MISSING_##support(group)) },
#include "syscalls.def"
#undef SYSCALL
    };
    constexpr size_t kSyscallCount = sizeof(kSyscalls) / sizeof(kSyscalls[0]);

    constexpr bool list_is_sorted()
    {
        for (size_t i = 1; i < kSyscallCount; ++i)
            if (kSyscalls[i - 1].number >= kSyscalls[i].number)
                return false;
        return true;
    }
    static_assert(list_is_sorted(), "syscalls.def must be in increasing number order without repeats");

    constexpr long kStatusSoftwareError = 70; // EX_SOFTWARE

} // namespace

namespace {

    // Numbers index this table directly: the lookup is on every syscall's path, and on RISC-V every
    // instruction there is paid for in trace length.
    struct NumberIndex {
        short entry[kSyscallNumberLimit];
    };

    constexpr NumberIndex build_number_index()
    {
        NumberIndex index {};
        for (auto& slot : index.entry)
            slot = -1;
        for (size_t i = 0; i < kSyscallCount; ++i)
            index.entry[kSyscalls[i].number] = static_cast<short>(i);
        return index;
    }

    constexpr NumberIndex kNumberIndex = build_number_index();
    static_assert(kSyscalls[kSyscallCount - 1].number < kSyscallNumberLimit, "raise kSyscallNumberLimit");

} // namespace

const SyscallInfo* syscall_info(long number)
{
    if (static_cast<unsigned long>(number) >= kSyscallNumberLimit)
        return nullptr;
    short entry = kNumberIndex.entry[number];
    return entry < 0 ? nullptr : &kSyscalls[entry];
}

const SyscallInfo* syscall_info_by_name(const char* name)
{
    for (const auto& info : kSyscalls)
        if (str_equal(info.name, name))
            return &info;
    return nullptr;
}

const SyscallInfo* syscall_list(size_t& count)
{
    count = kSyscallCount;
    return kSyscalls;
}

SyscallOutcome fail_unsupported(
    Kernel& kernel, const SyscallRequest& request, const char* name, const ArgumentList* arguments, const char* detail)
{
    char buffer[512];
    LineBuilder line(buffer, sizeof(buffer));
    line.text("zeroos: unsupported syscall ");
    if (name)
        format_syscall(line, name, arguments, request.args);
    else
        line.text("#").decimal(request.number).text("(...)");
    line.text(" at pc ").hex(request.pc);
    if (detail)
        line.text(": ").text(detail);
    if (kernel.config().unsupported_returns_enosys) {
        // The user chose to carry on: say so once per call, not on every retry.
        if (kernel.first_unsupported_report(request.abi, request.number)) {
            line.text(" (answered ENOSYS from now on)");
            platform::report(buffer);
        }
        return { SyscallOutcome::Kind::Return, -ENOSYS };
    }
    platform::report(buffer);
    kernel.process().fail(kStatusSoftwareError);
    return { SyscallOutcome::Kind::Exit, 0 };
}

namespace {

    // A handler's result as the platform applies it: the value, -errno, or a fail-fast stop.
    SyscallOutcome outcome_of(
        Kernel& kernel, const SyscallRequest& request, const char* name, const ArgumentList* arguments, const SyscallResult& result)
    {
        if (kernel.process().has_exited())
            return { SyscallOutcome::Kind::Exit, 0 };
        if (result.is_error()) {
            Error error = result.error();
            if (error.is_unsupported())
                return fail_unsupported(kernel, request, name, arguments, error.detail());
            return { SyscallOutcome::Kind::Return, -static_cast<long>(error.code()) };
        }
        return { SyscallOutcome::Kind::Return, result.value() };
    }

    bool restarts_when_woken(Thread::Wait wait)
    {
        return wait == Thread::Wait::PipeRead || wait == Thread::Wait::PipeWrite || wait == Thread::Wait::Poll;
    }

    // The running thread blocked, yielded or exited in this syscall: pick the next thread (maybe
    // the same one) and say how to resume it. A thread woken from a pipe or poll wait runs its
    // syscall again first, and may block again.
    SyscallOutcome switch_threads(Kernel& kernel, const SyscallRequest& request, const char* name, const ArgumentList* arguments,
        SyscallHandler handler, const SyscallResult& result)
    {
        auto& threads = kernel.threads();
        Thread& caller = threads.current();
        int caller_tid = caller.tid;
        if (caller.state == Thread::State::Blocked) {
            caller.blocked_pc = request.pc;
            if (restarts_when_woken(caller.wait))
                caller.restart = { handler, request.args, name, arguments };
        } else if (caller.state == Thread::State::Runnable) {
            SyscallOutcome own = outcome_of(kernel, request, name, arguments, result);
            if (own.kind != SyscallOutcome::Kind::Return)
                return own;
            caller.pending_result = own.value;
        }
        for (;;) {
            Thread* next = threads.schedule(kernel);
            if (!next) {
                threads.report_deadlock();
                kernel.process().fail(kStatusSoftwareError);
                return { SyscallOutcome::Kind::Exit, 0 };
            }
            if (next->restart.handler) {
                Thread::Restart restart = next->restart;
                next->restart = {};
                SyscallRequest again { -1, restart.args, next->blocked_pc, nullptr };
                next->restarting = true;
                auto rerun = restart.handler(kernel, restart.args);
                next->restarting = false;
                if (!kernel.process().has_exited() && threads.switch_requested()) {
                    next->restart = restart; // blocked again, at the same pc
                    continue;
                }
                SyscallOutcome outcome = outcome_of(kernel, again, restart.name, restart.arguments, rerun);
                if (outcome.kind != SyscallOutcome::Kind::Return)
                    return outcome;
                next->pending_result = outcome.value;
            }
            if (next->tid == caller_tid)
                return { SyscallOutcome::Kind::Return, next->pending_result };
            return { SyscallOutcome::Kind::Switch, next->pending_result, next->tid };
        }
    }

} // namespace

SyscallOutcome finish_handler(Kernel& kernel, const SyscallRequest& request, const char* name, const ArgumentList* arguments,
    SyscallHandler handler, const SyscallResult& result)
{
    kernel.attention().lower();
    if (kernel.threads().switch_requested() && !kernel.process().has_exited()) [[unlikely]]
        return switch_threads(kernel, request, name, arguments, handler, result);
    return outcome_of(kernel, request, name, arguments, result);
}

SyscallOutcome run_handler(
    Kernel& kernel, const SyscallRequest& request, const char* name, const ArgumentList* arguments, SyscallHandler handler)
{
    return finish_handler(kernel, request, name, arguments, handler, handler(kernel, request.args));
}

SyscallOutcome serve_syscall_request(Kernel& kernel, const SyscallRequest& request)
{
    const SyscallInfo* info = syscall_info(request.number);
    const char* name = request.arch_name ? request.arch_name : (info ? info->name : nullptr);
    if (!info || info->support == SyscallSupport::FAILFAST)
        return fail_unsupported(kernel, request, name, info ? &info->arguments : nullptr, nullptr);
    if (info->support == SyscallSupport::QUIET_ENOSYS)
        return { SyscallOutcome::Kind::Return, -ENOSYS };
    if (info->missing_feature)
        return fail_unsupported(kernel, request, name, &info->arguments, info->missing_feature);
    return run_handler(kernel, request, name, &info->arguments, info->handler);
}

SyscallOutcome dispatch_syscall(Kernel& kernel, const SyscallRequest& request)
{
    if (strace::Observer* observer = strace::installed()) [[unlikely]]
        return strace::observe(kernel, request, *observer);
    return serve_syscall_request(kernel, request);
}

} // namespace zeroos
