#include "trace/decode.h"

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
        { abi::o_largefile, "O_LARGEFILE" },
    };

    constexpr FlagName kAtFlags[] = {
        { abi::at_symlink_nofollow, "AT_SYMLINK_NOFOLLOW" },
        { abi::at_removedir, "AT_REMOVEDIR" },
        { abi::at_symlink_follow, "AT_SYMLINK_FOLLOW" },
        { abi::at_no_automount, "AT_NO_AUTOMOUNT" },
        { abi::at_empty_path, "AT_EMPTY_PATH" },
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
        { abi::map_denywrite, "MAP_DENYWRITE" },
        { abi::map_executable, "MAP_EXECUTABLE" },
        { abi::map_locked, "MAP_LOCKED" },
        { abi::map_noreserve, "MAP_NORESERVE" },
        { abi::map_populate, "MAP_POPULATE" },
        { abi::map_nonblock, "MAP_NONBLOCK" },
        { abi::map_stack, "MAP_STACK" },
        { abi::map_hugetlb, "MAP_HUGETLB" },
        { abi::map_sync, "MAP_SYNC" },
        { abi::map_fixed_noreplace, "MAP_FIXED_NOREPLACE" },
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
        switch (mode & abi::s_ifmt) {
        case abi::s_ifsock:
            line.text("S_IFSOCK");
            break;
        case abi::s_iflnk:
            line.text("S_IFLNK");
            break;
        case abi::s_ifreg:
            line.text("S_IFREG");
            break;
        case abi::s_ifblk:
            line.text("S_IFBLK");
            break;
        case abi::s_ifdir:
            line.text("S_IFDIR");
            break;
        case abi::s_ifchr:
            line.text("S_IFCHR");
            break;
        case abi::s_ififo:
            line.text("S_IFIFO");
            break;
        default:
            append_octal(line, mode & abi::s_ifmt);
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

    bool has_kind(const char* kind, size_t kind_length, const char* name)
    {
        return kind_length == str_length(name) && mem_compare(kind, name, kind_length) == 0;
    }

    // One argument, decoded by its kind: numbers as the prototype types them, strings read from the
    // guest (a bad pointer prints as the bare address), flags by name.
    void append_argument(
        LineBuilder& line, const char* kind, size_t kind_length, size_t index, const SyscallArgs& args, const CallView& view)
    {
        u64 raw = args.raw[index];
        auto is = [&](const char* name) { return has_kind(kind, kind_length, name); };
        bool succeeded = view.finished && view.result >= 0;
        if (is("fd") || is("int")) {
            line.decimal(static_cast<int>(static_cast<u32>(raw)));
        } else if (is("dirfd")) {
            int fd = static_cast<int>(static_cast<u32>(raw));
            if (fd == abi::at_fdcwd)
                line.text("AT_FDCWD");
            else
                line.decimal(fd);
        } else if (is("signal")) {
            append_name(line, raw, kSignalNames);
        } else if (is("clock")) {
            append_name(line, raw, kClockNames);
        } else if (is("size") || is("uint")) {
            line.unsigned_decimal(raw);
        } else if (is("off")) {
            line.decimal(static_cast<i64>(raw));
        } else if (is("mode") || is("omode")) {
            append_octal(line, static_cast<u32>(raw));
        } else if (is("oflags")) {
            append_open_flags(line, raw);
        } else if (is("atflags")) {
            append_flags(line, static_cast<u32>(raw), kAtFlags, "0");
        } else if (is("prot")) {
            append_flags(line, static_cast<u32>(raw), kProtFlags, "PROT_NONE");
        } else if (is("mapflags")) {
            append_map_flags(line, raw);
        } else if (is("path") || is("str")) {
            append_guest_string(line, raw);
        } else if (is("ibuf") && index + 1 < 6) {
            append_guest_bytes(line, raw, static_cast<size_t>(args.raw[index + 1]));
        } else if (is("obuf") && succeeded) {
            append_guest_bytes(line, raw, static_cast<size_t>(view.result));
        } else if (is("ostat") && succeeded) {
            append_stat(line, raw);
        } else if (raw == 0 && (is("ptr") || is("ibuf") || is("obuf") || is("ostat"))) {
            line.text("NULL");
        } else {
            line.hex(raw);
        }
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

void format_syscall(LineBuilder& line, const char* name, const char* arguments, const SyscallArgs& args, const CallView& view)
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
        bool shown = !has_kind(kind, kind_length, "omode") || mode_is_meaningful(args, index);
        if (shown) {
            if (index)
                line.text(", ");
            if (view.argument_names)
                line.bytes(argument_name, static_cast<size_t>(cursor - argument_name)).character('=');
            append_argument(line, kind, kind_length, index, args, view);
        }
        ++index;
        while (*cursor == ',' || *cursor == ' ')
            ++cursor;
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
