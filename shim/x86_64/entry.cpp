#include "entry.h"

#include "base/format.h"
#include "strace/decode.h"

#include "base/memory.h"
#include "kernel.h"

namespace zeroos::x86_64 {

namespace {

    enum class How { NONE, DIRECT, ADAPTER };
    using Adapter = SyscallOutcome (*)(Kernel&, Registers&, const SyscallRequest&);

    struct Entry {
        const char* name = nullptr;
        How how = How::NONE;
        long generic_number = -1;
        Adapter adapter = nullptr;
    };

    constexpr bool same_name(const char* a, const char* b)
    {
        while (*a && *a == *b)
            ++a, ++b;
        return *a == *b;
    }

    struct GenericName {
        long number;
        const char* name;
    };
    constexpr GenericName kGenericNames[] = {
#define SYSCALL(number, name, group, support, parameters) { number, #name },
#include "syscalls.def"
#undef SYSCALL
    };

    constexpr long generic_number_of(const char* name)
    {
        for (const auto& generic : kGenericNames)
            if (same_name(generic.name, name))
                return generic.number;
        return -1;
    }

    constexpr long kTableSize = 512;

    struct Table {
        Entry entries[kTableSize];
    };

    constexpr Table build_table()
    {
        Table table {};
#define X86_DIRECT(number, name) table.entries[number] = Entry { #name, How::DIRECT, generic_number_of(#name) };
#define X86_ADAPTER(number, name, adapter) table.entries[number] = Entry { #name, How::ADAPTER, -1, &adapter };
#define X86_NONE(number, name) table.entries[number] = Entry { #name, How::NONE };
#include "x86_64_syscalls.def"
#undef X86_DIRECT
#undef X86_ADAPTER
#undef X86_NONE
        return table;
    }

    constexpr Table kTable = build_table();

    constexpr bool direct_entries_resolve()
    {
        for (const auto& entry : kTable.entries)
            if (entry.how == How::DIRECT && entry.generic_number < 0)
                return false;
        return true;
    }
    static_assert(direct_entries_resolve(), "a DIRECT x86-64 entry names no generic syscall");

    // The arguments of a call ZeroOS has no generic prototype for.
    constexpr ArgumentList kThreeUnknownArguments = ZEROOS_ARGUMENTS((Hex arg0, Hex arg1, Hex arg2));
    constexpr ArgumentList kSixUnknownArguments = ZEROOS_ARGUMENTS((Hex arg0, Hex arg1, Hex arg2, Hex arg3, Hex arg4, Hex arg5));

} // namespace

const char* syscall_name(long x86_number)
{
    if (x86_number < 0 || x86_number >= kTableSize)
        return nullptr;
    return kTable.entries[x86_number].name;
}

void describe_syscall(LineBuilder& line, const Registers& registers)
{
    long number = static_cast<long>(registers.orig_rax);
    const char* name = syscall_name(number);
    SyscallArgs args;
    const u64 values[6] = { registers.rdi, registers.rsi, registers.rdx, registers.r10, registers.r8, registers.r9 };
    for (int i = 0; i < 6; ++i)
        args.raw[i] = values[i];
    if (!name) {
        line.text("#").decimal(number).text("(...)");
        return;
    }
    const Entry& entry = kTable.entries[number];
    const SyscallInfo* generic = entry.how == How::DIRECT ? syscall_info(entry.generic_number) : nullptr;
    format_syscall(line, name, generic ? &generic->arguments : &kThreeUnknownArguments, args);
}

SyscallOutcome serve_syscall(Kernel& kernel, Registers& registers)
{
    long number = static_cast<long>(registers.orig_rax);
    SyscallRequest request;
    request.number = -1;
    request.args.raw[0] = registers.rdi;
    request.args.raw[1] = registers.rsi;
    request.args.raw[2] = registers.rdx;
    request.args.raw[3] = registers.r10;
    request.args.raw[4] = registers.r8;
    request.args.raw[5] = registers.r9;
    request.pc = registers.rip - 2; // rip is past the two-byte `syscall` instruction

    SyscallOutcome outcome;
    const Entry* entry = (number >= 0 && number < kTableSize) ? &kTable.entries[number] : nullptr;
    if (entry && entry->how == How::DIRECT) {
        request.number = entry->generic_number;
        outcome = dispatch_syscall(kernel, request);
    } else if (entry && entry->how == How::ADAPTER) {
        request.number = number;
        request.abi = SyscallAbi::X86_64;
        outcome = entry->adapter(kernel, registers, request);
    } else {
        // Out of range numbers (the x32 bit included) and calls ZeroOS does not serve.
        request.number = number;
        request.abi = SyscallAbi::X86_64;
        const char* name = entry ? entry->name : nullptr;
        outcome = fail_unsupported(
            kernel, request, name, name ? &kSixUnknownArguments : nullptr, name ? nullptr : "no such x86-64 system call");
    }
    if (outcome.kind == SyscallOutcome::Kind::Return)
        registers.rax = static_cast<u64>(outcome.value);
    return outcome;
}

} // namespace zeroos::x86_64
