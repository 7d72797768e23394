#pragma once

#include "base/result.h"
#include "mm/mapping_list.h"
#include "mm/range_allocator.h"
#include "platform.h"

namespace zeroos {

// Guest memory: the brk heap and mmap regions, all carved from the platform's guest arena. The
// break grows up from the arena base; mmap takes ranges from the top down. Protections are recorded
// and passed to the platform (set_guest_protection): the host applies them to the guest's real
// mapping, the RISC-V target has no MMU to apply them with. The kernel's own accesses (syscall
// buffers, zeroing, file reads into a mapping) go through the platform's view and ignore them.
// The allocator is a parameter so the unit tests can run each one; the kernel uses the
// configured one (MemoryManager). Member definitions: mm/memory_manager_impl.h.
template<typename Allocator> class MemoryManagerOf {
public:
    ErrorOr<void> init(platform::Region arena);

    // brk(2): moves the break to `requested` when possible and returns the break in force, which is
    // the old one on failure (Linux's convention; brk(0) asks for it).
    u64 brk(u64 requested);

    // An anonymous mapping of `length` bytes (page multiple) anywhere, zero-filled.
    ErrorOr<u64> map_anywhere(u64 length, u32 prot);
    // An anonymous mapping at exactly `address` (page-aligned, inside the arena). With `replace`,
    // whatever was mapped there goes (MAP_FIXED); without, an overlap is EEXIST (MAP_FIXED_NOREPLACE).
    ErrorOr<u64> map_fixed(u64 address, u64 length, u32 prot, bool replace);
    // Unmaps whatever is mapped in [address, address + length) (page-aligned, inside the arena).
    ErrorOr<void> unmap(u64 address, u64 length);
    // mremap without MREMAP_FIXED: shrink, grow in place, or (with `may_move`) copy and move.
    ErrorOr<u64> remap(u64 address, u64 old_length, u64 new_length, bool may_move);
    ErrorOr<void> protect(u64 address, u64 length, u32 prot);

    bool in_arena(u64 address, u64 length) const;
    bool is_mapped(u64 address, u64 length) const { return length == 0 || mappings_.covers(address, address + length); }
    platform::Region arena() const { return arena_; }
    u64 free_bytes() const { return allocator_.free_bytes(); }
    const MappingList& mappings() const { return mappings_; }

private:
    // The mapping list changes, each told to the platform.
    ErrorOr<void> record(u64 start, u64 end, u32 prot);
    ErrorOr<void> forget(u64 start, u64 end);
    ErrorOr<void> reprotect(u64 start, u64 end, u32 prot);
    ErrorOr<void> take_zeroed(u64 address, u64 length, u32 prot);
    ErrorOr<void> zero_and_record(u64 address, u64 length, u32 prot);

    platform::Region arena_ {};
    Allocator allocator_;
    MappingList mappings_;
    u64 brk_start_ = 0;
    u64 brk_ = 0;
};

using MemoryManager = MemoryManagerOf<RangeAllocator>;

} // namespace zeroos
