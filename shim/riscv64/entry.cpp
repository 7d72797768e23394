#include "entry.h"

namespace zeroos::riscv64 {

SyscallOutcome serve_syscall(Kernel& kernel, TrapFrame& frame)
{
    SyscallRequest request;
    request.number = static_cast<long>(frame.a7);
    request.args.raw[0] = frame.a0;
    request.args.raw[1] = frame.a1;
    request.args.raw[2] = frame.a2;
    request.args.raw[3] = frame.a3;
    request.args.raw[4] = frame.a4;
    request.args.raw[5] = frame.a5;
    request.pc = frame.mepc;
    auto outcome = dispatch_syscall(kernel, request);
    if (outcome.kind == SyscallOutcome::Kind::Return) {
        frame.a0 = static_cast<u64>(outcome.value);
        frame.mepc += 4; // ecall is never compressed
    }
    return outcome;
}

} // namespace zeroos::riscv64
