#include "core/transfer.h"
#include "kernel.h"

namespace zeroos {

namespace {

    constexpr int kMaxIovecs = 1024; // UIO_MAXIOV

    // A writev to a stream (console, pipe) reaches it as one write, as on Linux, where a pipe
    // write of up to PIPE_BUF bytes is atomic and the reader never sees the pieces.
    constexpr u64 kGatherLimit = 64 * 1024;

    ErrorOr<size_t> gathered_write(Kernel& kernel, OpenFile& file, UserPtr<abi::IoVec> iov, int count, u64 total)
    {
        auto* buffer = static_cast<u8*>(kmalloc(total));
        if (!buffer)
            return Error::from_errno(ENOMEM);
        size_t gathered = 0;
        Error fault;
        for (int i = 0; i < count; ++i) {
            auto vec = read_from_user(iov.element(static_cast<size_t>(i)));
            if (vec.is_error()) {
                fault = vec.error();
                break;
            }
            auto copied = copy_from_user(buffer + gathered, UserPtr<void>(vec.value().base), vec.value().length);
            if (copied.is_error()) {
                fault = copied.error();
                break;
            }
            gathered += vec.value().length;
        }
        // Like Linux: a fault after some data was taken writes what came before it.
        ErrorOr<size_t> written
            = fault.code() && gathered == 0 ? ErrorOr<size_t>(fault) : transfer(kernel, file, true, IoBuffer::kernel(buffer), gathered, -1);
        kfree(buffer);
        return written;
    }

} // namespace

ErrorOr<RefPtr<OpenFile>> readable_file(Kernel& kernel, int fd)
{
    auto file = TRY(kernel.fds().get(fd));
    if (!file->can_read())
        return Error::from_errno(EBADF);
    if (file->inode->is_directory())
        return Error::from_errno(EISDIR);
    return file;
}

ErrorOr<RefPtr<OpenFile>> writable_file(Kernel& kernel, int fd)
{
    auto file = TRY(kernel.fds().get(fd));
    if (!file->can_write())
        return Error::from_errno(EBADF);
    TRY(check_writable(*file->inode));
    return file;
}

bool returns_short(Kernel& kernel, size_t done, size_t& piece)
{
    auto& threads = kernel.threads();
    if (!threads.switch_requested() || !done)
        return false;
    Thread& thread = threads.current();
    piece = thread.wait == Thread::Wait::PipeWrite ? thread.restart_progress : 0;
    threads.unblock_current();
    return true;
}

// One transfer at the file position (advancing it) or, for pread/pwrite, at `explicit_offset`.
ErrorOr<size_t> transfer(Kernel& kernel, OpenFile& file, bool writing, const IoBuffer& buffer, size_t length, i64 explicit_offset)
{
    TRY(buffer.check_range(length));
    length = min(length, kMaxTransfer);
    Inode& inode = *file.inode;
    bool positioned = explicit_offset >= 0;
    u64 offset = positioned ? static_cast<u64>(explicit_offset) : file.offset;
    if (writing && (file.flags & abi::o_append) && inode.is_regular())
        offset = inode.size();
    if (!inode.seekable())
        offset = 0;
    size_t moved = writing ? TRY(inode.write(kernel, file, offset, buffer, length)) : TRY(inode.read(kernel, file, offset, buffer, length));
    if (!positioned && inode.seekable())
        file.offset = offset + moved;
    return moved;
}

ErrorOr<size_t> transfer_vector(Kernel& kernel, OpenFile& file, bool writing, UserPtr<abi::IoVec> iov, int count, i64 explicit_offset)
{
    if (count < 0 || count > kMaxIovecs)
        return Error::from_errno(EINVAL);
    // Validate every iovec before moving any data, as Linux does.
    u64 total = 0;
    for (int i = 0; i < count; ++i) {
        auto vec = TRY(read_from_user(iov.element(static_cast<size_t>(i))));
        if (vec.length > static_cast<u64>(INT64_MAX) - total)
            return Error::from_errno(EINVAL);
        if (!access_ok(vec.base, vec.length))
            return Error::from_errno(EFAULT);
        total += vec.length;
    }
    if (writing && !file.inode->seekable() && total > 0 && total <= kGatherLimit)
        return gathered_write(kernel, file, iov, count, total);
    size_t done = 0;
    for (int i = 0; i < count && done < kMaxTransfer; ++i) {
        auto vec = TRY(read_from_user(iov.element(static_cast<size_t>(i))));
        if (vec.length == 0)
            continue;
        i64 offset = explicit_offset >= 0 ? explicit_offset + static_cast<i64>(done) : -1;
        auto moved
            = transfer(kernel, file, writing, IoBuffer::user(UserPtr<void>(vec.base)), min<u64>(vec.length, kMaxTransfer - done), offset);
        if (size_t piece = 0; returns_short(kernel, done, piece))
            return done + piece;
        if (moved.is_error()) {
            if (done && !moved.error().is_unsupported())
                break;
            return moved.error();
        }
        done += moved.value();
        if (moved.value() < vec.length)
            break;
    }
    return done;
}

SyscallResult sys_read(Kernel& kernel, Fd fd, OutBuffer buf, Size count)
{
    auto file = TRY(readable_file(kernel, fd));
    return TRY(transfer(kernel, *file, false, IoBuffer::user(buf), count, -1));
}

SyscallResult sys_write(Kernel& kernel, Fd fd, InBuffer buf, Size count)
{
    auto file = TRY(writable_file(kernel, fd));
    return TRY(transfer(kernel, *file, true, IoBuffer::user(buf), count, -1));
}

SyscallResult sys_readv(Kernel& kernel, Fd fd, Ptr<abi::IoVec> iov, Int iovcnt)
{
    auto file = TRY(readable_file(kernel, fd));
    return TRY(transfer_vector(kernel, *file, false, iov, iovcnt, -1));
}

SyscallResult sys_writev(Kernel& kernel, Fd fd, Ptr<abi::IoVec> iov, Int iovcnt)
{
    auto file = TRY(writable_file(kernel, fd));
    return TRY(transfer_vector(kernel, *file, true, iov, iovcnt, -1));
}

} // namespace zeroos
