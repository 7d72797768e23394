#include "kernel.h"
#include "mm/linux_abi.h"
#include "syscalls.h"

// mprotect, madvise and msync. Memory outside the arena (the program image, the initial stack)
// belongs to the platform: calls on it change nothing, but unmapped pages there are still ENOMEM
// (libunwind, for one, probes memory with msync).
namespace zeroos {

namespace {

    bool is_known_advice(int advice)
    {
        switch (advice) {
        case abi::madv_normal:
        case abi::madv_random:
        case abi::madv_sequential:
        case abi::madv_willneed:
        case abi::madv_dontneed:
        case abi::madv_free:
        case abi::madv_remove:
        case abi::madv_dontfork:
        case abi::madv_dofork:
        case abi::madv_mergeable:
        case abi::madv_unmergeable:
        case abi::madv_hugepage:
        case abi::madv_nohugepage:
        case abi::madv_dontdump:
        case abi::madv_dodump:
        case abi::madv_wipeonfork:
        case abi::madv_keeponfork:
        case abi::madv_cold:
        case abi::madv_pageout:
        case abi::madv_populate_read:
        case abi::madv_populate_write:
        case abi::madv_hwpoison:
            return true;
        }
        return false;
    }

    // Zeroes the mapped parts of [start, end) as MADV_DONTNEED does for private anonymous memory.
    ErrorOr<void> zero_mapped(const MappingList& mappings, u64 start, u64 end)
    {
        for (size_t i = 0; i < mappings.count(); ++i) {
            u64 from = max(start, mappings[i].start);
            u64 to = min(end, mappings[i].end);
            if (from < to)
                TRY(clear_user(UserPtr<void>(from), to - from));
        }
        return {};
    }

    // Outside the arena only the platform knows what is mapped: ask it one byte per page.
    ErrorOr<void> check_platform_memory(u64 start, u64 end)
    {
        for (u64 page = start; page < end; page += kPageSize) {
            u8 probe;
            if (copy_from_user(&probe, UserPtr<void>(page), 1).is_error())
                return Error::from_errno(ENOMEM);
        }
        return {};
    }

} // namespace

// Recorded and passed to the platform: the host applies it to the guest's pages, RISC-V has no MMU.
SyscallResult sys_mprotect(Kernel& kernel, Address address, Size len, Prot prot)
{
    u64 length = len;
    if (address % kPageSize != 0)
        return Error::from_errno(EINVAL);
    if (length == 0)
        return 0;
    length = align_up(length, kPageSize);
    if (length == 0 || range_overflows(address, length))
        return Error::from_errno(ENOMEM);
    if (prot & ~u32(abi::prot_read | abi::prot_write | abi::prot_exec | abi::prot_sem | abi::prot_growsdown | abi::prot_growsup))
        return Error::from_errno(EINVAL);
    if ((prot & abi::prot_growsdown) && (prot & abi::prot_growsup))
        return Error::from_errno(EINVAL);
    auto& memory = kernel.memory();
    if (!memory.in_arena(address, length)) {
        TRY(check_platform_memory(address, address + length));
        return 0;
    }
    // No arena mapping grows down or up, which is what Linux requires for these bits.
    if (prot & (abi::prot_growsdown | abi::prot_growsup))
        return Error::from_errno(memory.is_mapped(address, length) ? EINVAL : ENOMEM);
    TRY(memory.protect(address, length, prot));
    return 0;
}

SyscallResult sys_madvise(Kernel& kernel, Address address, Size requested_length, Int advice)
{
    if (!is_known_advice(advice) || address % kPageSize != 0)
        return Error::from_errno(EINVAL);
    u64 length = align_up(requested_length, kPageSize);
    if ((requested_length != 0 && length == 0) || range_overflows(address, length))
        return Error::from_errno(EINVAL);
    if (length == 0)
        return 0;
    if (advice == abi::madv_hwpoison)
        return Error::unsupported("madvise MADV_HWPOISON is not supported");
    auto& memory = kernel.memory();
    if (!memory.in_arena(address, length)) {
        if (advice == abi::madv_dontneed)
            return Error::unsupported("madvise MADV_DONTNEED outside the guest arena is not supported");
        TRY(check_platform_memory(address, address + length));
        return 0;
    }
    if (advice == abi::madv_dontneed)
        TRY(zero_mapped(memory.mappings(), address, address + length));
    if (!memory.is_mapped(address, length))
        return Error::from_errno(ENOMEM);
    return 0;
}

SyscallResult sys_msync(Kernel& kernel, Address address, Size requested_length, Int flags)
{
    u64 length = align_up(requested_length, kPageSize);
    if (address % kPageSize != 0)
        return Error::from_errno(EINVAL);
    if (flags & ~(abi::ms_async | abi::ms_invalidate | abi::ms_sync))
        return Error::from_errno(EINVAL);
    if ((flags & abi::ms_async) && (flags & abi::ms_sync))
        return Error::from_errno(EINVAL);
    if (range_overflows(address, length))
        return Error::from_errno(ENOMEM);
    if (length == 0)
        return 0;
    if (!kernel.memory().in_arena(address, length)) {
        TRY(check_platform_memory(address, address + length));
        return 0;
    }
    // Nothing to write back: no mapping is shared with a file.
    if (!kernel.memory().is_mapped(address, length))
        return Error::from_errno(ENOMEM);
    return 0;
}

} // namespace zeroos
