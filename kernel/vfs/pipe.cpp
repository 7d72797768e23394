#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    constexpr size_t kPipeCapacity = 64 * 1024;
    constexpr size_t kPipeAtomicWrite = 4096; // PIPE_BUF

    // A bounded ring buffer shared by the read end and the write end. A read of an empty pipe or a
    // write to a full one blocks the calling thread (its syscall runs again when woken); every
    // change a waiter could be waiting for wakes the other side and the pollers.
    class Pipe final : public Inode {
    public:
        explicit Pipe(Kernel& kernel)
            : kernel_(kernel)
        {
        }
        ~Pipe() override { kfree(buffer_); }
        bool allocate()
        {
            buffer_ = static_cast<u8*>(kmalloc(kPipeCapacity));
            return buffer_ != nullptr;
        }
        void opened(OpenFile& file) override { ++(file.access_mode() == abi::o_rdonly ? readers_ : writers_); }
        void closed(OpenFile& file) override
        {
            bool reader = file.access_mode() == abi::o_rdonly;
            if (--(reader ? readers_ : writers_) == 0)
                wake(reader ? Thread::Wait::PipeWrite : Thread::Wait::PipeRead); // EPIPE, or end of file
        }
        bool seekable() const override { return false; }
        u64 size() const override { return 0; }
        i64 readable_bytes(const OpenFile&) const override { return static_cast<i64>(used_); }

        u32 poll_events(const OpenFile& file) const override
        {
            u32 events = 0;
            if (file.access_mode() == abi::o_rdonly) {
                if (used_)
                    events |= abi::pollin | abi::pollrdnorm;
                if (!writers_)
                    events |= abi::pollhup;
            } else {
                if (used_ < kPipeCapacity)
                    events |= abi::pollout | abi::pollwrnorm;
                if (!readers_)
                    events |= abi::pollerr;
            }
            return events;
        }

        ErrorOr<size_t> read(Kernel&, OpenFile& file, u64, const IoBuffer& buffer, size_t length) override
        {
            if (length == 0)
                return size_t(0);
            if (used_ == 0) {
                if (!writers_)
                    return size_t(0);
                if (!(file.flags & abi::o_nonblock))
                    kernel_.threads().block_current(Thread::Wait::PipeRead, ino);
                return Error::from_errno(EAGAIN);
            }
            size_t count = min(length, used_);
            size_t done = 0;
            while (done < count) {
                size_t chunk = min(count - done, kPipeCapacity - head_);
                auto copied = buffer.fill(done, buffer_ + head_, chunk);
                if (copied.is_error()) {
                    if (!done)
                        return copied.error();
                    break;
                }
                done += chunk;
                head_ = (head_ + chunk) % kPipeCapacity;
                used_ -= chunk;
            }
            if (done)
                wake(Thread::Wait::PipeWrite);
            return done;
        }

        // Writes of at most PIPE_BUF bytes are atomic: all or nothing. A blocking larger one writes
        // what fits and waits for room for the rest (the thread remembers how far it got).
        ErrorOr<size_t> write(Kernel&, OpenFile& file, u64, const IoBuffer& buffer, size_t length) override
        {
            Thread& thread = kernel_.threads().current();
            size_t already = thread.restarting ? thread.restart_progress : 0;
            bool blocking = !(file.flags & abi::o_nonblock);
            if (!readers_)
                return already ? ErrorOr<size_t>(already) : Error::from_errno(EPIPE);
            if (length == 0)
                return size_t(0);
            size_t space = kPipeCapacity - used_;
            size_t remaining = length - already;
            if (space == 0 || (length <= kPipeAtomicWrite && remaining > space)) {
                if (blocking)
                    block_writer(thread, already);
                return Error::from_errno(EAGAIN);
            }
            size_t count = min(remaining, space);
            size_t done = 0;
            bool fault = false;
            while (done < count) {
                size_t tail = (head_ + used_) % kPipeCapacity;
                size_t chunk = min(count - done, kPipeCapacity - tail);
                auto copied = buffer.take(already + done, buffer_ + tail, chunk);
                if (copied.is_error()) {
                    if (!already && !done)
                        return copied.error();
                    fault = true;
                    break;
                }
                done += chunk;
                used_ += chunk;
            }
            if (done)
                wake(Thread::Wait::PipeRead);
            if (blocking && !fault && already + done < length) {
                block_writer(thread, already + done);
                return Error::from_errno(EAGAIN);
            }
            return already + done;
        }

    private:
        void block_writer(Thread& thread, size_t written)
        {
            thread.restart_progress = written;
            kernel_.threads().block_current(Thread::Wait::PipeWrite, ino);
        }

        void wake(Thread::Wait waiters)
        {
            kernel_.threads().wake_all(waiters, ino);
            kernel_.threads().wake_all(Thread::Wait::Poll, 0);
        }

        Kernel& kernel_;
        u8* buffer_ = nullptr;
        size_t head_ = 0;
        size_t used_ = 0;
        u32 readers_ = 0;
        u32 writers_ = 0;
    };

} // namespace

SyscallResult sys_pipe2(Kernel& kernel, Ptr<> pipefd, OpenFlags flags)
{
    if (flags & abi::o_direct)
        return Error::unsupported("pipe2 O_DIRECT (packet mode) is not supported");
    if (flags & ~u32(abi::o_cloexec | abi::o_nonblock))
        return Error::from_errno(EINVAL);
    auto* pipe = make<Pipe>(kernel);
    if (!pipe)
        return Error::from_errno(ENFILE);
    auto inode = RefPtr<Inode>::adopt(pipe);
    if (!pipe->allocate())
        return Error::from_errno(ENFILE);
    kernel.vfs().stamp(*pipe, abi::s_ififo | 0600);
    auto read_end = make_ref<OpenFile>(inode, abi::o_rdonly | (flags & abi::o_nonblock));
    auto write_end = make_ref<OpenFile>(inode, abi::o_wronly | (flags & abi::o_nonblock));
    if (!read_end || !write_end)
        return Error::from_errno(ENFILE);
    auto& fds = kernel.fds();
    bool cloexec = flags & abi::o_cloexec;
    int read_fd = TRY(fds.allocate(read_end, cloexec));
    auto write_fd = fds.allocate(write_end, cloexec);
    if (write_fd.is_error()) {
        (void)fds.close(read_fd);
        return write_fd.error();
    }
    int pair[2] = { read_fd, write_fd.value() };
    if (auto written = copy_to_user(pipefd, pair, sizeof(pair)); written.is_error()) {
        (void)fds.close(read_fd);
        (void)fds.close(pair[1]);
        return written.error();
    }
    return 0;
}

} // namespace zeroos
