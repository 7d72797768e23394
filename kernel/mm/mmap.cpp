#include "kernel.h"
#include "mm/linux_abi.h"
#include "syscalls.h"
#include "vfs/file_io.h"

// mmap, munmap and mremap over the guest arena. Mappings are copies: there is one process and no
// MMU on the RISC-V target, so MAP_SHARED anonymous memory is the same as MAP_PRIVATE, and a
// private file mapping is the file's bytes read into fresh memory.
namespace zeroos {

namespace {

    constexpr u64 kMaxLength = u64(1) << 47; // beyond any arena; Linux's TASK_SIZE on x86-64

    // Page-rounds `length`; 0 when it is 0 or too large to be an address range.
    u64 page_length(u64 length)
    {
        if (length == 0 || length > kMaxLength)
            return 0;
        return align_up(length, kPageSize);
    }

    ErrorOr<void> check_mmap_flags(u32 flags, bool anonymous)
    {
        u32 type = flags & abi::map_type;
        if (type != abi::map_shared && type != abi::map_private && !(type == abi::map_shared_validate && !anonymous))
            return Error::from_errno(EINVAL);
        if (flags & abi::map_growsdown)
            return Error::unsupported("mmap MAP_GROWSDOWN is not supported");
        if (flags & abi::map_hugetlb)
            return Error::unsupported("mmap MAP_HUGETLB is not supported");
        if (flags & abi::map_32bit)
            return Error::unsupported("mmap MAP_32BIT is not supported");
        if (!anonymous && type != abi::map_private)
            return Error::unsupported("mmap MAP_SHARED of a file is not supported (only private file mappings are copied)");
        return {};
    }

    // Reads the file into the fresh mapping; bytes past the end of file stay zero. On failure the
    // mapping goes away again.
    ErrorOr<void> fill_from_file(Kernel& kernel, int fd, u64 address, u64 length, u64 offset)
    {
        u64 done = 0;
        while (done < length) {
            auto read = vfs_pread_to_user(kernel, fd, UserPtr<void>(address + done), static_cast<size_t>(length - done), offset + done);
            if (read.is_error()) {
                (void)kernel.memory().unmap(address, length);
                return read.error();
            }
            if (read.value() <= 0)
                break;
            done += static_cast<u64>(read.value());
        }
        return {};
    }

} // namespace

SyscallResult sys_mmap(Kernel& kernel, Address hint, Size requested_length, Prot prot, MapFlags flags, Fd fd, Offset offset_argument)
{
    u64 offset = static_cast<u64>(offset_argument);
    bool anonymous = flags & abi::map_anonymous;

    if (offset % kPageSize != 0 || requested_length == 0)
        return Error::from_errno(EINVAL);
    TRY(check_mmap_flags(flags, anonymous));
    u64 length = page_length(requested_length);
    if (length == 0)
        return Error::from_errno(ENOMEM);
    if (!anonymous && range_overflows(offset, length))
        return Error::from_errno(EOVERFLOW);

    auto& memory = kernel.memory();
    u64 address;
    if (flags & (abi::map_fixed | abi::map_fixed_noreplace)) {
        if (hint % kPageSize != 0)
            return Error::from_errno(EINVAL);
        if (!memory.in_arena(hint, length))
            return Error::unsupported("mmap MAP_FIXED outside the guest arena is not supported");
        bool replace = !(flags & abi::map_fixed_noreplace);
        address = TRY(memory.map_fixed(hint, length, prot, replace));
    } else {
        // Hints are ignored: the arena decides where memory goes, the same way on every run.
        address = TRY(memory.map_anywhere(length, prot));
    }
    if (!anonymous)
        TRY(fill_from_file(kernel, fd, address, length, offset));
    return static_cast<long>(address);
}

SyscallResult sys_munmap(Kernel& kernel, Address address, Size requested_length)
{
    u64 length = page_length(requested_length);
    if (address % kPageSize != 0 || length == 0 || range_overflows(address, length))
        return Error::from_errno(EINVAL);
    if (!kernel.memory().in_arena(address, length))
        return Error::unsupported("munmap outside the guest arena is not supported");
    TRY(kernel.memory().unmap(address, length));
    return 0;
}

SyscallResult sys_mremap(Kernel& kernel, Address address, Size old_size, Size new_size, Hex flags, Address)
{
    u64 old_length = old_size;
    u64 new_length = new_size;
    if (flags & ~u64(abi::mremap_maymove | abi::mremap_fixed | abi::mremap_dontunmap))
        return Error::from_errno(EINVAL);
    if ((flags & abi::mremap_fixed) && !(flags & abi::mremap_maymove))
        return Error::from_errno(EINVAL);
    if ((flags & abi::mremap_dontunmap) && (!(flags & abi::mremap_maymove) || old_length != new_length))
        return Error::from_errno(EINVAL);
    if (address % kPageSize != 0)
        return Error::from_errno(EINVAL);
    new_length = page_length(new_length);
    if (new_length == 0)
        return Error::from_errno(EINVAL);
    if (flags & abi::mremap_fixed)
        return Error::unsupported("mremap MREMAP_FIXED is not supported");
    if (flags & abi::mremap_dontunmap)
        return Error::unsupported("mremap MREMAP_DONTUNMAP is not supported");
    if (old_length == 0)
        return Error::unsupported("mremap with old_size 0 (duplicating a shared mapping) is not supported");
    old_length = page_length(old_length);
    if (old_length == 0)
        return Error::from_errno(EFAULT);
    if (!kernel.memory().in_arena(address, kPageSize))
        return Error::unsupported("mremap outside the guest arena is not supported");
    // Arena mappings end at the arena's end, so a longer old range cannot be one mapping.
    if (!kernel.memory().in_arena(address, old_length))
        return Error::from_errno(EFAULT);
    return static_cast<long>(TRY(kernel.memory().remap(address, old_length, new_length, flags & abi::mremap_maymove)));
}

} // namespace zeroos
