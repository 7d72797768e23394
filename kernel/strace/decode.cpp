#include "strace/decode.h"

#include "arch_abi.h"
#include "base/errno.h"
#include "base/memory.h"
#include "core/linux_abi.h"
#include "mm/linux_abi.h"
#include "signals/linux_abi.h"

namespace zeroos {

namespace {

    constexpr size_t kStringLimit = 32; // bytes of a guest string or buffer shown before "..."

    struct FlagName {
        u64 value;
        const char* name;
    };

    constexpr FlagName kOpenFlags[] = {
        { abi::o_creat, "O_CREAT" },
        { abi::o_excl, "O_EXCL" },
        { abi::o_noctty, "O_NOCTTY" },
        { abi::o_trunc, "O_TRUNC" },
        { abi::o_append, "O_APPEND" },
        { abi::o_nonblock, "O_NONBLOCK" },
        { abi::o_sync, "O_SYNC" }, // before O_DSYNC: it contains it
        { abi::o_dsync, "O_DSYNC" },
        { abi::o_direct, "O_DIRECT" },
        { abi::o_tmpfile, "O_TMPFILE" }, // before O_DIRECTORY: it contains it
        { abi::o_directory, "O_DIRECTORY" },
        { abi::o_nofollow, "O_NOFOLLOW" },
        { abi::o_noatime, "O_NOATIME" },
        { abi::o_cloexec, "O_CLOEXEC" },
        { abi::o_path, "O_PATH" },
        { 0100000, "O_LARGEFILE" },
    };

    constexpr FlagName kAtFlags[] = {
        { 0x100, "AT_SYMLINK_NOFOLLOW" },
        { 0x200, "AT_REMOVEDIR" },
        { 0x400, "AT_SYMLINK_FOLLOW" },
        { 0x800, "AT_NO_AUTOMOUNT" },
        { 0x1000, "AT_EMPTY_PATH" },
    };

    constexpr FlagName kProtFlags[] = {
        { abi::prot_read, "PROT_READ" },
        { abi::prot_write, "PROT_WRITE" },
        { abi::prot_exec, "PROT_EXEC" },
        { abi::prot_sem, "PROT_SEM" },
        { abi::prot_growsdown, "PROT_GROWSDOWN" },
        { abi::prot_growsup, "PROT_GROWSUP" },
    };

    constexpr FlagName kMapFlags[] = {
        { abi::map_fixed, "MAP_FIXED" },
        { abi::map_anonymous, "MAP_ANONYMOUS" },
        { abi::map_32bit, "MAP_32BIT" },
        { abi::map_growsdown, "MAP_GROWSDOWN" },
        { 0x0800, "MAP_DENYWRITE" },
        { 0x1000, "MAP_EXECUTABLE" },
        { 0x2000, "MAP_LOCKED" },
        { 0x4000, "MAP_NORESERVE" },
        { 0x8000, "MAP_POPULATE" },
        { 0x10000, "MAP_NONBLOCK" },
        { 0x20000, "MAP_STACK" },
        { 0x40000, "MAP_HUGETLB" },
        { 0x80000, "MAP_SYNC" },
        { 0x100000, "MAP_FIXED_NOREPLACE" },
    };

    constexpr const char* kSignalNames[] = { "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
        "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS" };

    constexpr const char* kClockNames[] = { "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
        "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME" };

    // "A|B|0x40": the named bits in table order, then what is left in hex; `none` when nothing is set.
    template<size_t N> void append_flags(LineBuilder& line, u64 value, const FlagName (&names)[N], const char* none, bool separated = false)
    {
        bool first = !separated;
        auto separator = [&] {
            if (!first)
                line.character('|');
            first = false;
        };
        for (const auto& flag : names) {
            if ((value & flag.value) == flag.value) {
                separator();
                line.text(flag.name);
                value &= ~flag.value;
            }
        }
        if (value) {
            separator();
            line.hex(value);
        } else if (first) {
            line.text(none);
        }
    }

    void append_open_flags(LineBuilder& line, u64 raw)
    {
        u32 flags = static_cast<u32>(raw);
        switch (flags & abi::o_accmode) {
        case abi::o_rdonly:
            line.text("O_RDONLY");
            break;
        case abi::o_wronly:
            line.text("O_WRONLY");
            break;
        case abi::o_rdwr:
            line.text("O_RDWR");
            break;
        default:
            line.text("O_ACCMODE");
            break;
        }
        append_flags(line, flags & ~static_cast<u32>(abi::o_accmode), kOpenFlags, "", true);
    }

    void append_map_flags(LineBuilder& line, u64 raw)
    {
        u32 flags = static_cast<u32>(raw);
        switch (flags & abi::map_type) {
        case abi::map_shared:
            line.text("MAP_SHARED");
            break;
        case abi::map_private:
            line.text("MAP_PRIVATE");
            break;
        case abi::map_shared_validate:
            line.text("MAP_SHARED_VALIDATE");
            break;
        default:
            line.hex(flags & abi::map_type);
            break;
        }
        append_flags(line, flags & ~static_cast<u32>(abi::map_type), kMapFlags, "", true);
    }

    template<size_t N> void append_name(LineBuilder& line, u64 raw, const char* const (&names)[N])
    {
        int value = static_cast<int>(static_cast<u32>(raw));
        if (value >= 0 && static_cast<size_t>(value) < N)
            line.text(names[value]);
        else
            line.decimal(value);
    }

    void append_octal(LineBuilder& line, u32 mode)
    {
        char octal[24];
        size_t count = 0;
        do {
            octal[count++] = static_cast<char>('0' + (mode & 7));
            mode >>= 3;
        } while (mode);
        line.character('0');
        while (count)
            line.character(octal[--count]);
    }

    void append_guest_string(LineBuilder& line, u64 raw)
    {
        char text[kStringLimit + 1];
        auto length = strncpy_from_user(text, UserPtr<const char>(raw), sizeof(text));
        if (!length.is_error())
            line.quoted(text, length.value(), kStringLimit);
        else if (length.error().code() == ENAMETOOLONG)
            line.quoted(text, sizeof(text), kStringLimit);
        else
            line.hex(raw);
    }

    void append_guest_bytes(LineBuilder& line, u64 raw, size_t length)
    {
        char bytes[kStringLimit];
        size_t shown = min(length, kStringLimit);
        if (copy_from_user(bytes, UserPtr<void>(raw), shown).is_error()) {
            line.hex(raw);
            return;
        }
        line.quoted(bytes, length, kStringLimit);
    }

    void append_file_type(LineBuilder& line, u32 mode)
    {
        switch (mode & 0170000) {
        case 0140000:
            line.text("S_IFSOCK");
            break;
        case 0120000:
            line.text("S_IFLNK");
            break;
        case 0100000:
            line.text("S_IFREG");
            break;
        case 0060000:
            line.text("S_IFBLK");
            break;
        case 0040000:
            line.text("S_IFDIR");
            break;
        case 0020000:
            line.text("S_IFCHR");
            break;
        case 0010000:
            line.text("S_IFIFO");
            break;
        default:
            append_octal(line, mode & 0170000);
            break;
        }
        line.character('|');
        append_octal(line, mode & 07777);
    }

    // "{st_mode=S_IFREG|0644, st_size=6, ...}", as strace summarises a struct stat.
    void append_stat(LineBuilder& line, u64 raw)
    {
        auto stat = arch_read_stat(UserPtr<void>(raw));
        if (stat.is_error()) {
            line.hex(raw);
            return;
        }
        line.text("{st_mode=");
        append_file_type(line, stat.value().mode);
        line.text(", st_size=").decimal(stat.value().size).text(", ...}");
    }

    // One argument, decoded by its format: numbers as the prototype types them, strings read from
    // the guest (a bad pointer prints as the bare address), flags by name.
    void append_argument(LineBuilder& line, ArgFormat format, size_t index, const SyscallArgs& args, const CallView& view)
    {
        u64 raw = args.raw[index];
        bool succeeded = view.finished && view.result >= 0;
        switch (format) {
        case ArgFormat::Decimal:
        case ArgFormat::FileDescriptor:
            line.decimal(static_cast<int>(static_cast<u32>(raw)));
            return;
        case ArgFormat::DirectoryFd:
            if (static_cast<int>(static_cast<u32>(raw)) == abi::at_fdcwd)
                line.text("AT_FDCWD");
            else
                line.decimal(static_cast<int>(static_cast<u32>(raw)));
            return;
        case ArgFormat::Signal:
            append_name(line, raw, kSignalNames);
            return;
        case ArgFormat::Clock:
            append_name(line, raw, kClockNames);
            return;
        case ArgFormat::Unsigned:
        case ArgFormat::Size:
            line.unsigned_decimal(raw);
            return;
        case ArgFormat::Offset:
            line.decimal(static_cast<i64>(raw));
            return;
        case ArgFormat::Mode:
        case ArgFormat::CreateMode:
            append_octal(line, static_cast<u32>(raw));
            return;
        case ArgFormat::OpenFlags:
            append_open_flags(line, raw);
            return;
        case ArgFormat::AtFlags:
            append_flags(line, static_cast<u32>(raw), kAtFlags, "0");
            return;
        case ArgFormat::Protection:
            append_flags(line, static_cast<u32>(raw), kProtFlags, "PROT_NONE");
            return;
        case ArgFormat::MapFlags:
            append_map_flags(line, raw);
            return;
        case ArgFormat::String:
            append_guest_string(line, raw);
            return;
        case ArgFormat::InBuffer:
            if (index + 1 < 6) {
                append_guest_bytes(line, raw, static_cast<size_t>(args.raw[index + 1]));
                return;
            }
            break;
        case ArgFormat::OutBuffer:
            if (succeeded) {
                append_guest_bytes(line, raw, static_cast<size_t>(view.result));
                return;
            }
            break;
        case ArgFormat::OutStat:
            if (succeeded) {
                append_stat(line, raw);
                return;
            }
            break;
        case ArgFormat::Pointer:
        case ArgFormat::Hex:
            break;
        }
        if (raw == 0 && format != ArgFormat::Hex)
            line.text("NULL");
        else
            line.hex(raw);
    }

    // openat's mode means something only when the call creates a file: strace leaves it out otherwise.
    bool mode_is_meaningful(const SyscallArgs& args, size_t mode_index)
    {
        if (mode_index == 0)
            return true;
        u32 flags = static_cast<u32>(args.raw[mode_index - 1]);
        return (flags & abi::o_creat) || (flags & abi::o_tmpfile) == abi::o_tmpfile;
    }

} // namespace

void format_syscall(LineBuilder& line, const char* name, const ArgumentList* arguments, const SyscallArgs& args, const CallView& view)
{
    line.text(name).character('(');
    bool first = true;
    for (size_t index = 0; arguments && index < arguments->count; ++index) {
        ArgFormat format = arguments->formats[index];
        if (format == ArgFormat::CreateMode && !mode_is_meaningful(args, index))
            continue;
        if (!first)
            line.text(", ");
        first = false;
        if (view.argument_names) {
            const char* parameter = nullptr;
            size_t length = 0;
            arguments->name(index, parameter, length);
            line.bytes(parameter, length).character('=');
        }
        append_argument(line, format, index, args, view);
    }
    line.character(')');
}

void format_result(LineBuilder& line, long value, bool addresses)
{
    line.text(" = ");
    if (value < 0 && value >= -4095) {
        int error = static_cast<int>(-value);
        line.text("-1 ");
        const char* name = errno_name(error);
        if (!name) {
            line.text("E").decimal(error);
            return;
        }
        line.text(name);
        if (const char* message = errno_message(error))
            line.text(" (").text(message).character(')');
    } else if (addresses && value != 0) {
        line.hex(static_cast<u64>(value));
    } else {
        line.decimal(value);
    }
}

} // namespace zeroos
