#include "entry.h"

namespace zeroos::riscv64 {

namespace {

    constexpr bool names_equal(const char* a, const char* b)
    {
        while (*a && *a == *b)
            ++a, ++b;
        return *a == *b;
    }

    constexpr FastHandlers build_fast_handlers()
    {
        FastHandlers table {};
#define SYSCALL(number, name, group, support, parameters)                                                                                  \
    if (!names_equal(#name, "clone"))                                                                                                      \
        table.by_number[number] = ZEROOS_IF_GROUP_##group(ZEROOS_HANDLER_##support(name), nullptr);
#include "syscalls.def"
#undef SYSCALL
        return table;
    }

    SyscallRequest request_from(const TrapFrame& frame)
    {
        SyscallRequest request;
        request.number = static_cast<long>(frame.a7);
        request.args = frame.args;
        request.pc = frame.mepc;
        return request;
    }

    SyscallOutcome apply(TrapFrame& frame, const SyscallOutcome& outcome)
    {
        if (outcome.kind == SyscallOutcome::Kind::Return) {
            frame.args.raw[0] = static_cast<u64>(outcome.value);
            frame.mepc += 4; // ecall is never compressed
        }
        return outcome;
    }

} // namespace

extern "C" constexpr FastHandlers zeroos_riscv64_fast_handlers = build_fast_handlers();

SyscallOutcome serve_syscall(Kernel& kernel, TrapFrame& frame) { return apply(frame, dispatch_syscall(kernel, request_from(frame))); }

SyscallOutcome finish_fast_syscall(Kernel& kernel, TrapFrame& frame, const SyscallResult& result)
{
    SyscallRequest request = request_from(frame);
    const SyscallInfo* info = syscall_info(request.number);
    return apply(frame, finish_handler(kernel, request, info->name, &info->arguments, info->handler, result));
}

} // namespace zeroos::riscv64
