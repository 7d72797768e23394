#pragma once

#include "base/result.h"
#include "uaccess.h"

// A system call's arguments: the six raw registers a platform hands over, and the typed arguments
// a handler receives. Each parameter of a call in syscalls.def is written with an argument kind
// (`Fd fd, OutBuffer buf, Size count`); the kind is a C++ type, so a misspelt kind does not
// compile, and it says two things at once: the C type the handler gets, narrowed from its register
// the way Linux narrows it (an `int` is the low 32 bits, whatever the guest left above), and how
// --trace and fail-fast reports print it.
namespace zeroos {

class Kernel;

// The six raw argument registers of one system call; the argument kinds below narrow them.
struct SyscallArgs {
    u64 raw[6] = {};
};

using SyscallResult = ErrorOr<long>;
// What a dispatch table holds: a handler's typed arguments unpacked from the raw registers.
using SyscallHandler = SyscallResult (*)(Kernel&, const SyscallArgs&);

// How the decoder (kernel/strace/decode.cpp) prints an argument.
enum class ArgFormat : u8 {
    Decimal, // signed, at the argument's width
    Unsigned,
    Size, // a byte count: unsigned
    Hex,
    FileDescriptor,
    DirectoryFd, // AT_FDCWD by name
    Offset,
    Mode, // octal
    CreateMode, // octal, and only when the call creates a file (openat's mode)
    OpenFlags,
    AtFlags,
    Protection,
    MapFlags,
    Signal,
    Clock,
    Pointer, // hex, NULL for 0
    String, // the guest's string, quoted
    InBuffer, // bytes the call reads: as many as the next argument says
    OutBuffer, // bytes the call wrote: as many as it returned
    OutStat, // a struct stat the call filled
};

// A number argument: converts to its C type, so handlers use it as one.
template<typename T, ArgFormat F> struct ScalarArgument {
    static constexpr ArgFormat format = F;
    static constexpr ScalarArgument from_register(u64 raw) { return { static_cast<T>(raw) }; }
    constexpr operator T() const { return value; }
    T value;
};

// A guest pointer argument: a UserPtr<T> that also knows its format.
template<typename T, ArgFormat F> struct PointerArgument : UserPtr<T> {
    static constexpr ArgFormat format = F;
    static constexpr PointerArgument from_register(u64 raw) { return PointerArgument { UserPtr<T>(raw) }; }
};

// The argument kinds syscalls.def may use.
using Fd = ScalarArgument<int, ArgFormat::FileDescriptor>;
using DirFd = ScalarArgument<int, ArgFormat::DirectoryFd>;
using Int = ScalarArgument<int, ArgFormat::Decimal>;
using Uint = ScalarArgument<u32, ArgFormat::Unsigned>;
using Id = ScalarArgument<u32, ArgFormat::Decimal>; // uid_t, gid_t: -1 means "leave it"
using Size = ScalarArgument<size_t, ArgFormat::Size>;
using Offset = ScalarArgument<i64, ArgFormat::Offset>;
using Hex = ScalarArgument<u64, ArgFormat::Hex>;
using Hex32 = ScalarArgument<u32, ArgFormat::Hex>;
using Address = ScalarArgument<u64, ArgFormat::Hex>; // an address the call does not dereference
using Mode = ScalarArgument<u32, ArgFormat::Mode>;
using CreateMode = ScalarArgument<u32, ArgFormat::CreateMode>;
using OpenFlags = ScalarArgument<u32, ArgFormat::OpenFlags>;
using AtFlags = ScalarArgument<u32, ArgFormat::AtFlags>;
using Prot = ScalarArgument<u32, ArgFormat::Protection>;
using MapFlags = ScalarArgument<u32, ArgFormat::MapFlags>;
using Signal = ScalarArgument<int, ArgFormat::Signal>;
using ClockId = ScalarArgument<int, ArgFormat::Clock>;
template<typename T = void> using Ptr = PointerArgument<T, ArgFormat::Pointer>;
using Path = PointerArgument<const char, ArgFormat::String>;
using InBuffer = PointerArgument<void, ArgFormat::InBuffer>;
using OutBuffer = PointerArgument<void, ArgFormat::OutBuffer>;
using OutStat = PointerArgument<void, ArgFormat::OutStat>;

// A call's parameters as the decoder needs them: each one's format, and the parameter list as
// syscalls.def spells it, where the decoder finds the names.
struct ArgumentList {
    u8 count;
    ArgFormat formats[6];
    const char* declaration; // "(Fd fd, OutBuffer buf, Size count)"

    // The name of parameter `index`: the identifier that ends it in the declaration.
    constexpr void name(size_t index, const char*& start, size_t& length) const
    {
        const char* cursor = declaration;
        for (size_t i = 0; i < index && *cursor; ++cursor)
            if (*cursor == ',')
                ++i;
        const char* end = cursor;
        while (*end && *end != ',' && *end != ')')
            ++end;
        start = end;
        while (start > cursor && is_identifier_character(start[-1]))
            --start;
        length = static_cast<size_t>(end - start);
    }

private:
    static constexpr bool is_identifier_character(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
};

template<typename Signature> struct SyscallSignature;
template<typename... Kinds> struct SyscallSignature<SyscallResult(Kernel&, Kinds...)> {
    static_assert(sizeof...(Kinds) <= 6, "a system call has at most six arguments");
    static constexpr ArgumentList arguments(const char* declaration) { return { sizeof...(Kinds), { Kinds::format... }, declaration }; }
};

// `Kernel& kernel, Fd fd, ...` from syscalls.def's `(Fd fd, ...)`, and `Kernel& kernel` from `()`.
#define ZEROOS_AFTER_KERNEL(...) __VA_OPT__(, ) __VA_ARGS__

// The ArgumentList of a parameter list written as in syscalls.def, e.g. for an adapter's own handler.
#define ZEROOS_ARGUMENTS(parameters)                                                                                                       \
    ::zeroos::SyscallSignature<::zeroos::SyscallResult(::zeroos::Kernel& ZEROOS_AFTER_KERNEL parameters)>::arguments(#parameters)

namespace detail {

    template<size_t... I> struct Indices {
    };
    template<size_t N, size_t... I> struct MakeIndices : MakeIndices<N - 1, N - 1, I...> {
    };
    template<size_t... I> struct MakeIndices<0, I...> {
        using Type = Indices<I...>;
    };

    template<typename... Kinds, size_t... I>
    inline SyscallResult unpack(SyscallResult (*handler)(Kernel&, Kinds...), Kernel& kernel, const SyscallArgs& args, Indices<I...>)
    {
        return handler(kernel, Kinds::from_register(args.raw[I])...);
    }

    template<typename... Kinds> constexpr size_t parameter_count(SyscallResult (*)(Kernel&, Kinds...)) { return sizeof...(Kinds); }

} // namespace detail

// The SyscallHandler of a typed handler: narrows each register to its parameter's kind and calls it
// (a tail call: the RISC-V fast path pays one load per argument and a jump).
template<auto handler> SyscallResult unpack_and_call(Kernel& kernel, const SyscallArgs& args)
{
    return detail::unpack(handler, kernel, args, typename detail::MakeIndices<detail::parameter_count(handler)>::Type {});
}

} // namespace zeroos
