#include "core/console.h"

#include "core/bounce.h"
#include "core/open_file.h"
#include "kernel.h"

namespace zeroos {

namespace {

    class Console final : public Inode {
    public:
        explicit Console(int stream)
            : stream_(stream)
        {
        }
        bool seekable() const override { return false; }
        u32 poll_events(const OpenFile&) const override
        {
            return stream_ == 0 ? abi::pollin | abi::pollrdnorm : abi::pollout | abi::pollwrnorm;
        }

        ErrorOr<size_t> read(Kernel&, OpenFile&, u64, const IoBuffer& buffer, size_t length) override
        {
            if (stream_ != 0)
                return Error::from_errno(EBADF);
            if (length == 0)
                return size_t(0);
            Bounce bounce(length);
            if (!bounce.data())
                return Error::from_errno(ENOMEM);
            long got = platform::stdin_read(bounce.data(), bounce.size());
            if (got < 0)
                return Error::from_errno(static_cast<int>(-got));
            TRY(buffer.fill(0, bounce.data(), static_cast<size_t>(got)));
            return static_cast<size_t>(got);
        }

        ErrorOr<size_t> write(Kernel&, OpenFile&, u64, const IoBuffer& buffer, size_t length) override
        {
            if (stream_ == 0)
                return Error::from_errno(EBADF);
            if (length == 0)
                return size_t(0);
            return move_in_chunks(length, [&](u8* bounce, size_t offset, size_t chunk) -> ErrorOr<size_t> {
                TRY(buffer.take(offset, bounce, chunk));
                long written = platform::console_write(stream_, bounce, chunk);
                if (written < 0)
                    return Error::from_errno(static_cast<int>(-written));
                return static_cast<size_t>(written);
            });
        }

    private:
        int stream_;
    };

} // namespace

RefPtr<Inode> new_console(Kernel& kernel, int stream)
{
    auto* console = make<Console>(stream);
    if (!console)
        return {};
    stamp_inode(kernel, *console, abi::s_ifchr | 0620);
    console->rdev = device_number(5, 1);
    return RefPtr<Inode>::adopt(console);
}

} // namespace zeroos
