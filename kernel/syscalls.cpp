#include "syscalls.h"

#include "base/format.h"
#include "base/memory.h"
#include "kernel.h"

namespace zeroos {

namespace {

#define ZEROOS_HANDLER_IMPLEMENTED(name) &sys_##name
#define ZEROOS_HANDLER_QUIET_ENOSYS(name) nullptr
#define ZEROOS_HANDLER_FAILFAST(name) nullptr

    constexpr SyscallInfo kSyscalls[] = {
#define SYSCALL(number, name, group, support, arguments)                                                                                   \
    { number, #name, SyscallGroup::group, SyscallSupport::support, ZEROOS_HANDLER_##support(name), arguments },
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

    // One argument of a report, decoded by its kind: numbers as the prototype types them, strings read
    // from the guest (a bad pointer prints as the bare address).
    void append_argument(LineBuilder& line, const char* kind, size_t kind_length, u64 raw)
    {
        auto is = [&](const char* name) { return kind_length == str_length(name) && mem_compare(kind, name, kind_length) == 0; };
        if (is("fd") || is("int") || is("signal") || is("clock")) {
            line.decimal(static_cast<int>(static_cast<u32>(raw)));
        } else if (is("dirfd")) {
            int fd = static_cast<int>(static_cast<u32>(raw));
            if (fd == -100)
                line.text("AT_FDCWD");
            else
                line.decimal(fd);
        } else if (is("size") || is("uint")) {
            line.unsigned_decimal(raw);
        } else if (is("off")) {
            line.decimal(static_cast<i64>(raw));
        } else if (is("mode")) {
            char octal[24];
            size_t count = 0;
            u32 mode = static_cast<u32>(raw);
            do {
                octal[count++] = static_cast<char>('0' + (mode & 7));
                mode >>= 3;
            } while (mode);
            line.character('0');
            while (count)
                line.character(octal[--count]);
        } else if (is("path") || is("str")) {
            char text[64];
            long length = platform::strncpy_from_user(text, raw, sizeof(text));
            if (length >= 0)
                line.quoted(text, static_cast<size_t>(length), sizeof(text));
            else if (length == -ENAMETOOLONG)
                line.quoted(text, sizeof(text), sizeof(text) - 1);
            else
                line.hex(raw);
        } else if (raw == 0 && is("ptr")) {
            line.text("NULL");
        } else {
            line.hex(raw);
        }
    }

} // namespace

void format_syscall(LineBuilder& line, const char* name, const char* arguments, const SyscallArgs& args)
{
    line.text(name).character('(');
    size_t index = 0;
    const char* cursor = arguments ? arguments : "";
    while (*cursor && index < 6) {
        const char* kind = cursor;
        while (*cursor && *cursor != ' ')
            ++cursor;
        size_t kind_length = static_cast<size_t>(cursor - kind);
        if (*cursor == ' ')
            ++cursor;
        const char* argument_name = cursor;
        while (*cursor && *cursor != ',')
            ++cursor;
        if (index)
            line.text(", ");
        line.bytes(argument_name, static_cast<size_t>(cursor - argument_name)).character('=');
        append_argument(line, kind, kind_length, args.raw[index]);
        ++index;
        while (*cursor == ',' || *cursor == ' ')
            ++cursor;
    }
    line.character(')');
}

namespace {

    // Numbers index this table directly: the lookup is on every syscall's path, and on RISC-V every
    // instruction there is paid for in trace length.
    constexpr long kNumberLimit = 512;
    struct NumberIndex {
        short entry[kNumberLimit];
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
    static_assert(kSyscalls[kSyscallCount - 1].number < kNumberLimit, "raise kNumberLimit");

} // namespace

const SyscallInfo* syscall_info(long number)
{
    if (static_cast<unsigned long>(number) >= kNumberLimit)
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

SyscallOutcome fail_unsupported(Kernel& kernel, const SyscallRequest& request, const char* name, const char* arguments, const char* detail)
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
        if (kernel.first_unsupported_report(request.number)) {
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
        Kernel& kernel, const SyscallRequest& request, const char* name, const char* arguments, const SyscallResult& result)
    {
        if (kernel.process().has_exited())
            return { SyscallOutcome::Kind::Exit, 0 };
        if (result.is_error()) {
            Error error = result.error();
            if (error.is_unsupported())
                return fail_unsupported(kernel, request, name, arguments, error.detail);
            return { SyscallOutcome::Kind::Return, -static_cast<long>(error.code) };
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
    SyscallOutcome switch_threads(Kernel& kernel, const SyscallRequest& request, const char* name, const char* arguments,
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

SyscallOutcome run_handler(Kernel& kernel, const SyscallRequest& request, const char* name, const char* arguments, SyscallHandler handler)
{
    auto result = handler(kernel, request.args);
    if (kernel.threads().switch_requested() && !kernel.process().has_exited()) [[unlikely]]
        return switch_threads(kernel, request, name, arguments, handler, result);
    return outcome_of(kernel, request, name, arguments, result);
}

SyscallOutcome dispatch_syscall(Kernel& kernel, const SyscallRequest& request)
{
    const SyscallInfo* info = syscall_info(request.number);
    const char* name = request.arch_name ? request.arch_name : (info ? info->name : nullptr);
    if (!info || info->support == SyscallSupport::FAILFAST)
        return fail_unsupported(kernel, request, name, info ? info->arguments : nullptr, nullptr);
    if (info->support == SyscallSupport::QUIET_ENOSYS)
        return { SyscallOutcome::Kind::Return, -ENOSYS };
    return run_handler(kernel, request, name, info->arguments, info->handler);
}

} // namespace zeroos
