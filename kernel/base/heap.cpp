#include "base/heap.h"

#include "base/memory.h"

namespace zeroos {

namespace {

    // Every allocation is preceded by a header that says how to free it.
    struct alignas(16) Header {
        size_t block_size; // whole block including this header
        size_t class_index; // kLarge for blocks from the large free list
    };
    constexpr size_t kLarge = ~size_t(0);
    constexpr size_t kClassSizes[]
        = { 32, 64, 128, 256, 512, 1024, 2048, 4096 + sizeof(Header), 8192 + sizeof(Header), 16384 + sizeof(Header) };
    constexpr size_t kRefillBytes = 256 * 1024;
    constexpr size_t kMinimumLargeBlock = 64;

    constinit KernelHeap g_kernel_heap;

} // namespace

KernelHeap& kernel_heap() { return g_kernel_heap; }

void KernelHeap::init(void* base, size_t size)
{
    auto start = align_up(reinterpret_cast<u64>(base), 16);
    auto end = align_down(reinterpret_cast<u64>(base) + size, 16);
    *this = KernelHeap();
    if (end <= start + kMinimumLargeBlock)
        return;
    capacity_ = end - start;
    large_free_ = reinterpret_cast<FreeBlock*>(start);
    large_free_->size = capacity_;
    large_free_->next = nullptr;
}

void* KernelHeap::allocate_large(size_t block_size)
{
    FreeBlock** link = &large_free_;
    for (FreeBlock* block = large_free_; block; link = &block->next, block = block->next) {
        if (block->size < block_size)
            continue;
        if (block->size - block_size >= kMinimumLargeBlock) {
            auto* rest = reinterpret_cast<FreeBlock*>(reinterpret_cast<u8*>(block) + block_size);
            rest->size = block->size - block_size;
            rest->next = block->next;
            *link = rest;
        } else {
            block_size = block->size;
            *link = block->next;
        }
        auto* header = reinterpret_cast<Header*>(block);
        header->block_size = block_size;
        header->class_index = kLarge;
        return header;
    }
    return nullptr;
}

void KernelHeap::free_large(void* memory, size_t block_size)
{
    auto* block = static_cast<FreeBlock*>(memory);
    block->size = block_size;
    FreeBlock* previous = nullptr;
    FreeBlock* next = large_free_;
    while (next && next < block) {
        previous = next;
        next = next->next;
    }
    block->next = next;
    if (previous)
        previous->next = block;
    else
        large_free_ = block;
    if (next && reinterpret_cast<u8*>(block) + block->size == reinterpret_cast<u8*>(next)) {
        block->size += next->size;
        block->next = next->next;
    }
    if (previous && reinterpret_cast<u8*>(previous) + previous->size == reinterpret_cast<u8*>(block)) {
        previous->size += block->size;
        previous->next = block->next;
    }
}

bool KernelHeap::refill_class(size_t class_index)
{
    // Slots are carved from the chunk one at a time as they are needed, so a refill costs the
    // same whatever the slot size (this matters on RISC-V, where instructions are the cost).
    size_t slot = kClassSizes[class_index];
    size_t count = kRefillBytes / slot;
    if (count < 4)
        count = 4;
    auto* chunk = static_cast<u8*>(allocate_large(count * slot));
    if (!chunk)
        return false;
    // The chunk's own header is overwritten: chunks are never returned to the large list.
    carve_next_[class_index] = chunk;
    carve_end_[class_index] = chunk + count * slot;
    return true;
}

void* KernelHeap::allocate(size_t size)
{
    if (size > capacity_)
        return nullptr;
    size_t block_size = align_up(size + sizeof(Header), 16);
    size_t class_index = 0;
    while (class_index < kClassCount && kClassSizes[class_index] < block_size)
        ++class_index;

    Header* header;
    if (class_index < kClassCount) {
        void* slot = class_free_[class_index];
        if (slot) {
            class_free_[class_index] = *static_cast<void**>(slot);
        } else {
            if (carve_next_[class_index] == carve_end_[class_index] && !refill_class(class_index))
                return nullptr;
            slot = carve_next_[class_index];
            carve_next_[class_index] += kClassSizes[class_index];
        }
        header = static_cast<Header*>(slot);
        header->block_size = kClassSizes[class_index];
        header->class_index = class_index;
    } else {
        header = static_cast<Header*>(allocate_large(block_size));
        if (!header)
            return nullptr;
    }
    bytes_in_use_ += header->block_size;
    return header + 1;
}

void KernelHeap::free(void* pointer)
{
    if (!pointer)
        return;
    auto* header = static_cast<Header*>(pointer) - 1;
    bytes_in_use_ -= header->block_size;
    if (header->class_index == kLarge) {
        free_large(header, header->block_size);
        return;
    }
    void* slot = header;
    *static_cast<void**>(slot) = class_free_[header->class_index];
    class_free_[header->class_index] = slot;
}

} // namespace zeroos
