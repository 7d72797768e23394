#include "core/transfer.h"
#include "kernel.h"
#include "vfs/devices.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    ErrorOr<i64> positional_offset(Kernel& kernel, const OpenFile& file, i64 offset)
    {
        (void)kernel;
        if (offset < 0)
            return Error::from_errno(EINVAL);
        if (!file.inode->seekable())
            return Error::from_errno(ESPIPE);
        return offset;
    }

} // namespace

SyscallResult sys_pread64(Kernel& kernel, Fd fd, OutBuffer buf, Size count, Offset requested_offset)
{
    auto file = TRY(readable_file(kernel, fd));
    i64 offset = TRY(positional_offset(kernel, *file, requested_offset));
    return TRY(transfer(kernel, *file, false, IoBuffer::user(buf), count, offset));
}

SyscallResult sys_pwrite64(Kernel& kernel, Fd fd, InBuffer buf, Size count, Offset requested_offset)
{
    auto file = TRY(writable_file(kernel, fd));
    i64 offset = TRY(positional_offset(kernel, *file, requested_offset));
    return TRY(transfer(kernel, *file, true, IoBuffer::user(buf), count, offset));
}

SyscallResult sys_lseek(Kernel& kernel, Fd fd, Offset offset, Int whence)
{
    auto file = TRY(kernel.fds().get(fd));
    if (file->is_path_only())
        return Error::from_errno(EBADF);
    if (!file->inode->seekable())
        return Error::from_errno(ESPIPE);
    i64 base;
    switch (whence) {
    case abi::seek_set:
        base = 0;
        break;
    case abi::seek_cur:
        base = static_cast<i64>(file->offset);
        break;
    case abi::seek_end:
        if (file->inode->is_directory())
            return Error::from_errno(EINVAL);
        base = static_cast<i64>(file->inode->size());
        break;
    case abi::seek_data:
    case abi::seek_hole:
        return Error::unsupported("lseek SEEK_DATA/SEEK_HOLE is not supported");
    default:
        return Error::from_errno(EINVAL);
    }
    if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
        return Error::from_errno(EINVAL);
    file->offset = static_cast<u64>(base + offset);
    return base + offset;
}

// Copies between two open files through a bounded kernel buffer. The input must be a regular file;
// the output may be any file open for writing.
SyscallResult sys_sendfile(Kernel& kernel, Fd out_fd, Fd in_fd, Ptr<i64> offset_pointer, Size requested_count)
{
    auto output = TRY(writable_file(kernel, out_fd));
    auto input = TRY(readable_file(kernel, in_fd));
    if (!input->inode->is_regular())
        return Error::from_errno(EINVAL);
    i64 offset = -1;
    if (!offset_pointer.is_null()) {
        offset = TRY(read_from_user(offset_pointer));
        if (offset < 0)
            return Error::from_errno(EINVAL);
    }
    size_t count = min<size_t>(requested_count, kMaxTransfer);
    auto* bounce = static_cast<u8*>(kmalloc(min(count, kBounceChunk) + 1));
    if (!bounce)
        return Error::from_errno(ENOMEM);
    size_t done = 0;
    Error failure;
    while (done < count) {
        size_t chunk = min(count - done, kBounceChunk);
        auto got = transfer(kernel, *input, false, IoBuffer::kernel(bounce), chunk, offset >= 0 ? offset + static_cast<i64>(done) : -1);
        if (got.is_error() || got.value() == 0) {
            failure = got.is_error() ? got.error() : Error {};
            break;
        }
        auto put = transfer(kernel, *output, true, IoBuffer::kernel(bounce), got.value(), -1);
        size_t written = put.is_error() ? 0 : put.value();
        bool stop_short = returns_short(kernel, done, written);
        if (offset < 0)
            input->offset -= got.value() - written; // only what reached the output is consumed
        done += written;
        if (stop_short || put.is_error() || written < got.value()) {
            failure = put.is_error() && !stop_short ? put.error() : Error {};
            break;
        }
    }
    kfree(bounce);
    if (!done && failure.code())
        return failure;
    if (failure.is_unsupported())
        return failure;
    if (offset >= 0)
        TRY(write_to_user(offset_pointer, offset + static_cast<i64>(done)));
    return static_cast<long>(done);
}

} // namespace zeroos
