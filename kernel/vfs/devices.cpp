#include "vfs/devices.h"

#include "core/bounce.h"

#include "base/memory.h"
#include "core/open_file.h"
#include "kernel.h"

namespace zeroos {

namespace {

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
            return move_in_chunks(length, [&](u8* bounce, size_t offset, size_t chunk) -> ErrorOr<size_t> {
                kernel.random().fill(bounce, chunk);
                TRY(buffer.fill(offset, bounce, chunk));
                return chunk;
            });
        }
        ErrorOr<size_t> write(Kernel&, OpenFile&, u64, const IoBuffer&, size_t length) override { return length; }
    };

    template<typename Device> ErrorOr<void> add_device(Kernel& kernel, Directory& dev, const char* name, u32 minor)
    {
        auto* device = make<Device>();
        if (!device)
            return Error::from_errno(ENOMEM);
        auto inode = RefPtr<Inode>::adopt(device);
        kernel.vfs().stamp(*device, abi::s_ifchr | 0666);
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

} // namespace zeroos
