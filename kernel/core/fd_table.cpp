#include "core/fd_table.h"

#include "core/console.h"
#include "kernel.h"

namespace zeroos {

FdTable::~FdTable() = default;

ErrorOr<void> FdTable::init(Kernel& kernel, u32 max_fds)
{
    max_fds_ = max_fds;
    for (int stream = 0; stream < 3 && stream < static_cast<int>(max_fds); ++stream) {
        auto console = new_console(kernel, stream);
        if (!console)
            return Error::from_errno(ENOMEM);
        auto file = make_ref<OpenFile>(console, stream == 0 ? u32(abi::o_rdonly) : u32(abi::o_wronly));
        if (!file)
            return Error::from_errno(ENOMEM);
        TRY(install(stream, file, false));
    }
    return {};
}

ErrorOr<RefPtr<OpenFile>> FdTable::get(int fd) const
{
    if (fd < 0 || fd >= end() || !slots_[static_cast<size_t>(fd)].file)
        return Error::from_errno(EBADF);
    return slots_[static_cast<size_t>(fd)].file;
}

ErrorOr<int> FdTable::allocate(RefPtr<OpenFile> file, bool cloexec, int minimum)
{
    if (minimum < 0)
        return Error::from_errno(EINVAL);
    int fd = minimum;
    while (fd < end() && slots_[static_cast<size_t>(fd)].file)
        ++fd;
    if (static_cast<u64>(fd) >= max_fds_)
        return Error::from_errno(EMFILE);
    TRY(install(fd, static_cast<RefPtr<OpenFile>&&>(file), cloexec));
    return fd;
}

ErrorOr<void> FdTable::install(int fd, RefPtr<OpenFile> file, bool cloexec)
{
    if (fd < 0 || static_cast<u64>(fd) >= max_fds_)
        return Error::from_errno(EBADF);
    if (fd >= end() && !slots_.resize(static_cast<size_t>(fd) + 1))
        return Error::from_errno(ENOMEM);
    // The old description is released after the slot changes: its close may run pipe bookkeeping.
    RefPtr<OpenFile> previous = static_cast<RefPtr<OpenFile>&&>(slots_[static_cast<size_t>(fd)].file);
    slots_[static_cast<size_t>(fd)].file = static_cast<RefPtr<OpenFile>&&>(file);
    slots_[static_cast<size_t>(fd)].cloexec = cloexec;
    return {};
}

ErrorOr<void> FdTable::close(int fd)
{
    TRY(get(fd));
    RefPtr<OpenFile> previous = static_cast<RefPtr<OpenFile>&&>(slots_[static_cast<size_t>(fd)].file);
    slots_[static_cast<size_t>(fd)].cloexec = false;
    while (!slots_.is_empty() && !slots_.last().file)
        slots_.remove(slots_.size() - 1);
    return {};
}

ErrorOr<bool> FdTable::cloexec(int fd) const
{
    TRY(get(fd));
    return slots_[static_cast<size_t>(fd)].cloexec;
}

ErrorOr<void> FdTable::set_cloexec(int fd, bool value)
{
    TRY(get(fd));
    slots_[static_cast<size_t>(fd)].cloexec = value;
    return {};
}

} // namespace zeroos
