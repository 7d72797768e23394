#pragma once

// The definitions of MemoryManagerOf: included by memory_manager.cpp for the configured allocator
// and by the unit tests for all of them.

#include "base/heap.h"
#include "mm/linux_abi.h"
#include "mm/memory_manager.h"
#include "uaccess.h"

namespace zeroos {

namespace memory_detail {

    // Copies guest memory to guest memory through a kernel bounce buffer, front to back, so it is
    // also right for overlapping ranges when the destination is the lower one.
    inline ErrorOr<void> copy_within_guest(u64 destination, u64 source, u64 length)
    {
        constexpr size_t kLargeChunk = 64 * 1024;
        u8 small[256];
        u8* buffer = static_cast<u8*>(kmalloc(kLargeChunk));
        size_t chunk = buffer ? kLargeChunk : sizeof(small);
        if (!buffer)
            buffer = small;
        ErrorOr<void> result;
        for (u64 done = 0; done < length && !result.is_error(); done += chunk) {
            size_t count = static_cast<size_t>(min<u64>(chunk, length - done));
            result = copy_from_user(buffer, UserPtr<void>(source + done), count);
            if (!result.is_error())
                result = copy_to_user(UserPtr<void>(destination + done), buffer, count);
        }
        if (buffer != small)
            kfree(buffer);
        return result;
    }

} // namespace memory_detail

template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::init(platform::Region arena)
{
    u64 start = align_up(arena.base, kPageSize);
    u64 end = align_down(arena.base + arena.size, kPageSize);
    if (end < start)
        end = start;
    arena_ = { start, end - start };
    TRY(allocator_.init(arena_.base, arena_.size));
    brk_start_ = brk_ = arena_.base;
    return {};
}

template<typename Allocator> bool MemoryManagerOf<Allocator>::in_arena(u64 address, u64 length) const
{
    return !range_overflows(address, length) && address >= arena_.base && address + length <= arena_.base + arena_.size;
}

template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::record(u64 start, u64 end, u32 prot)
{
    TRY(mappings_.add(start, end, prot));
    platform::set_guest_protection(start, end - start, prot & (abi::prot_read | abi::prot_write | abi::prot_exec));
    return {};
}

template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::forget(u64 start, u64 end)
{
    TRY(mappings_.remove(start, end));
    platform::set_guest_protection(start, end - start, abi::prot_none);
    return {};
}

template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::reprotect(u64 start, u64 end, u32 prot)
{
    TRY(mappings_.protect(start, end, prot));
    platform::set_guest_protection(start, end - start, prot & (abi::prot_read | abi::prot_write | abi::prot_exec));
    return {};
}

// Takes a free range and makes it a fresh mapping.
template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::take_zeroed(u64 address, u64 length, u32 prot)
{
    TRY(allocator_.allocate_fixed(address, length));
    return zero_and_record(address, length, prot);
}

// Zeroes a range just taken from the allocator (memory is reused after munmap, and a fresh mapping
// must read as zeros) and records it. On failure the range is free again.
template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::zero_and_record(u64 address, u64 length, u32 prot)
{
    auto cleared = clear_user(UserPtr<void>(address), length);
    if (!cleared.is_error())
        cleared = record(address, address + length, prot);
    if (cleared.is_error())
        (void)allocator_.free(address, length);
    return cleared;
}

template<typename Allocator> u64 MemoryManagerOf<Allocator>::brk(u64 requested)
{
    if (requested < brk_start_ || requested > arena_.base + arena_.size)
        return brk_;
    u64 old_end = align_up(brk_, kPageSize);
    u64 new_end = align_up(requested, kPageSize);
    if (new_end > old_end) {
        if (take_zeroed(old_end, new_end - old_end, abi::prot_read | abi::prot_write).is_error())
            return brk_;
    } else if (new_end < old_end) {
        if (unmap(new_end, old_end - new_end).is_error())
            return brk_;
    }
    brk_ = requested;
    return brk_;
}

template<typename Allocator> ErrorOr<u64> MemoryManagerOf<Allocator>::map_anywhere(u64 length, u32 prot)
{
    u64 address = TRY(allocator_.allocate(length, kPageSize));
    TRY(zero_and_record(address, length, prot));
    return address;
}

template<typename Allocator> ErrorOr<u64> MemoryManagerOf<Allocator>::map_fixed(u64 address, u64 length, u32 prot, bool replace)
{
    if (mappings_.overlaps(address, address + length)) {
        if (!replace)
            return Error::from_errno(EEXIST);
        if (is_mapped(address, length)) {
            // Wholly over pages the guest already has (musl's PROT_NONE guard page at the start of
            // brk): they stay its own, only their protection and contents change. Going back through
            // the allocator would fail under one that never reuses memory (bump).
            TRY(reprotect(address, address + length, prot));
            TRY(clear_user(UserPtr<void>(address), length));
            return address;
        }
        TRY(unmap(address, length));
    }
    // The range can be mapped yet free only if the brk and mmap bookkeeping disagreed: never.
    TRY(take_zeroed(address, length, prot));
    return address;
}

template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::unmap(u64 address, u64 length)
{
    // The mapping list first: if it cannot split, nothing has changed. A failing free afterwards only
    // leaks the pages, it never hands them out twice.
    TRY(forget(address, address + length));
    TRY(allocator_.free(address, length));
    return {};
}

template<typename Allocator> ErrorOr<u64> MemoryManagerOf<Allocator>::remap(u64 address, u64 old_length, u64 new_length, bool may_move)
{
    const Mapping* old_mapping = mappings_.find(address);
    if (!old_mapping || !is_mapped(address, old_length))
        return Error::from_errno(EFAULT);
    u32 prot = old_mapping->prot;
    if (new_length <= old_length) {
        if (new_length < old_length)
            TRY(unmap(address + new_length, old_length - new_length));
        return address;
    }
    u64 grow_start = address + old_length;
    u64 grow_length = new_length - old_length;
    if (in_arena(grow_start, grow_length) && allocator_.is_free(grow_start, grow_length)) {
        TRY(take_zeroed(grow_start, grow_length, prot));
        return address;
    }
    if (!may_move)
        return Error::from_errno(ENOMEM);
    // mmap fills the arena from the top down, so the space above a mapping is usually taken but
    // the space below is often free: slide down into it, which needs no second copy of the data.
    if (grow_length <= address - arena_.base && allocator_.is_free(address - grow_length, grow_length)) {
        u64 moved = address - grow_length;
        TRY(allocator_.allocate_fixed(moved, grow_length));
        // A forward copy to a lower address never overwrites bytes it has yet to read.
        auto slid = memory_detail::copy_within_guest(moved, address, old_length);
        if (!slid.is_error())
            slid = clear_user(UserPtr<void>(moved + old_length), grow_length);
        if (!slid.is_error())
            slid = record(moved, address, prot);
        if (slid.is_error()) {
            (void)allocator_.free(moved, grow_length);
            return slid.error();
        }
        return moved;
    }
    u64 moved = TRY(map_anywhere(new_length, prot));
    auto copied = memory_detail::copy_within_guest(moved, address, old_length);
    if (copied.is_error()) {
        (void)unmap(moved, new_length);
        return copied.error();
    }
    TRY(unmap(address, old_length));
    return moved;
}

template<typename Allocator> ErrorOr<void> MemoryManagerOf<Allocator>::protect(u64 address, u64 length, u32 prot)
{
    return reprotect(address, address + length, prot);
}

} // namespace zeroos
