#include "vfs/devices.h"

#include "base/memory.h"
#include "kernel.h"
#include "vfs/open_file.h"

namespace zeroos {

namespace {

    constexpr u64 device_number(u32 major, u32 minor) { return (major << 8) | minor; }

    // A kernel buffer for one chunk of a transfer; freed when it goes out of scope.
    class Bounce {
    public:
        explicit Bounce(size_t wanted)
            : size_(min(wanted, kBounceChunk))
            , data_(static_cast<u8*>(kmalloc(size_ ? size_ : 1)))
        {
        }
        ~Bounce() { kfree(data_); }
        u8* data() { return data_; }
        size_t size() const { return size_; }

    private:
        size_t size_;
        u8* data_;
    };

    class CharDevice : public Inode {
    public:
        bool seekable() const override { return true; }
    };

    class NullDevice final : public CharDevice {
    public:
        ErrorOr<size_t> read(Kernel&, OpenFile&, u64, const IoBuffer&, size_t) override { return size_t(0); }
        ErrorOr<size_t> write(Kernel&, OpenFile&, u64, const IoBuffer&, size_t length) override { return length; }
    };

    class ZeroDevice final : public CharDevice {
    public:
        ErrorOr<size_t> read(Kernel&, OpenFile&, u64, const IoBuffer& buffer, size_t length) override
        {
            TRY(buffer.zero(0, length));
            return length;
        }
        ErrorOr<size_t> write(Kernel&, OpenFile&, u64, const IoBuffer&, size_t length) override { return length; }
    };

    // Both /dev/random and /dev/urandom read the one seeded stream.
    class RandomDevice final : public CharDevice {
    public:
        ErrorOr<size_t> read(Kernel& kernel, OpenFile&, u64, const IoBuffer& buffer, size_t length) override
        {
            Bounce bounce(length);
            if (!bounce.data())
                return Error::from_errno(ENOMEM);
            size_t done = 0;
            while (done < length) {
                size_t chunk = min(length - done, bounce.size());
                kernel.random().fill(bounce.data(), chunk);
                auto copied = buffer.fill(done, bounce.data(), chunk);
                if (copied.is_error())
                    return done ? ErrorOr<size_t>(done) : ErrorOr<size_t>(copied.error());
                done += chunk;
            }
            return done;
        }
        ErrorOr<size_t> write(Kernel&, OpenFile&, u64, const IoBuffer&, size_t length) override { return length; }
    };

    class Console final : public Inode {
    public:
        explicit Console(int stream)
            : stream_(stream)
        {
        }
        bool seekable() const override { return false; }
        u32 poll_events(const OpenFile&) const override { return stream_ == 0 ? POLLIN | POLLRDNORM : POLLOUT | POLLWRNORM; }

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
            Bounce bounce(length);
            if (!bounce.data())
                return Error::from_errno(ENOMEM);
            size_t done = 0;
            while (done < length) {
                size_t chunk = min(length - done, bounce.size());
                auto copied = buffer.take(done, bounce.data(), chunk);
                if (copied.is_error())
                    return done ? ErrorOr<size_t>(done) : ErrorOr<size_t>(copied.error());
                long written = platform::console_write(stream_, bounce.data(), chunk);
                if (written < 0)
                    return done ? ErrorOr<size_t>(done) : ErrorOr<size_t>(Error::from_errno(static_cast<int>(-written)));
                done += static_cast<size_t>(written);
                if (static_cast<size_t>(written) < chunk)
                    break;
            }
            return done;
        }

    private:
        int stream_;
    };

    template<typename Device> ErrorOr<void> add_device(Kernel& kernel, Directory& dev, const char* name, u32 minor)
    {
        auto* device = make<Device>();
        if (!device)
            return Error::from_errno(ENOMEM);
        auto inode = RefPtr<Inode>::adopt(device);
        kernel.vfs().stamp(*device, S_IFCHR | 0666);
        device->rdev = device_number(1, minor);
        return dev.add(name, str_length(name), inode);
    }

} // namespace

ErrorOr<void> create_devices(Kernel& kernel, Directory& dev)
{
    TRY(add_device<NullDevice>(kernel, dev, "null", 3));
    TRY(add_device<ZeroDevice>(kernel, dev, "zero", 5));
    TRY(add_device<RandomDevice>(kernel, dev, "random", 8));
    TRY(add_device<RandomDevice>(kernel, dev, "urandom", 9));
    return {};
}

RefPtr<Inode> new_console(Kernel& kernel, int stream)
{
    auto* console = make<Console>(stream);
    if (!console)
        return {};
    kernel.vfs().stamp(*console, S_IFCHR | 0620);
    console->rdev = device_number(5, 1);
    return RefPtr<Inode>::adopt(console);
}

} // namespace zeroos
