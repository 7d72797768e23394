#pragma once

#include "base/types.h"

// Placement new. The bare-metal cross compiler ships no C++ library headers, so the kernel declares
// it itself there; on the host the standard declaration is used.
#if __has_include(<new>)
#include <new>
#else
inline void* operator new(size_t, void* where) noexcept { return where; }
#endif

namespace zeroos {

// The kernel's own heap: inodes, file pages, fd tables. It lives in memory the platform hands to
// the kernel at boot (a region of the tracer on the host, RAM past the program on RISC-V), never
// in the host's malloc heap and never in guest-writable memory.
class KernelHeap {
public:
    constexpr KernelHeap() = default;

    void init(void* base, size_t size);
    void* allocate(size_t size);
    void free(void* pointer);

    size_t bytes_in_use() const { return bytes_in_use_; }
    size_t capacity() const { return capacity_; }

private:
    struct FreeBlock {
        size_t size; // whole block, header included
        FreeBlock* next;
    };
    static constexpr size_t kClassCount = 10;

    void* allocate_large(size_t block_size);
    void free_large(void* block, size_t block_size);
    bool refill_class(size_t class_index);

    FreeBlock* large_free_ = nullptr; // address-ordered, coalesced
    void* class_free_[kClassCount] = {};
    u8* carve_next_[kClassCount] = {};
    u8* carve_end_[kClassCount] = {};
    size_t bytes_in_use_ = 0;
    size_t capacity_ = 0;
};

KernelHeap& kernel_heap();

inline void* kmalloc(size_t size) { return kernel_heap().allocate(size); }
inline void kfree(void* pointer) { kernel_heap().free(pointer); }

// Allocates and constructs a T on the kernel heap; nullptr when the heap is exhausted.
template<typename T, typename... Args> T* make(Args&&... args)
{
    void* memory = kmalloc(sizeof(T));
    if (!memory)
        return nullptr;
    return new (memory) T(static_cast<Args&&>(args)...);
}

template<typename T> void destroy(T* object)
{
    if (!object)
        return;
    object->~T();
    kfree(object);
}

} // namespace zeroos
