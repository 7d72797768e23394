// Global operator new and delete on top of musl's malloc, in every standard form. They are weak, so
// a program may replace any of them (as C++ allows) even when this object is linked for another.
// As the standard says, the array forms call the single-object ones, the nothrow forms call the
// throwing ones, and the sized or nothrow deletes call the plain ones, so a replaced operator
// new/delete sees every allocation of its kind.
// Without exceptions, a throwing form that cannot allocate (and has no new_handler to call) prints
// one line and aborts. A nothrow form returns nullptr instead: it marks its thread while it calls
// the throwing form, which then returns nullptr rather than aborting (where libstdc++ would catch
// std::bad_alloc).
#include "fatal.h"

#include <new>
#include <stdlib.h>

#define ZEROOS_REPLACEABLE __attribute__((weak))

namespace {

std::new_handler g_new_handler = nullptr;

// Set while a nothrow form calls the throwing one on this thread.
__thread bool t_nothrow = false;

template<typename Allocate> void* without_throwing(Allocate attempt) noexcept
{
    bool outer = t_nothrow;
    t_nothrow = true;
    void* pointer = attempt();
    t_nothrow = outer;
    return pointer;
}

// The allocation loop of [new.delete.single]: try, and while it fails call the new_handler, which
// may free memory (or end the program). False when there is no handler left to try.
bool call_new_handler() noexcept
{
    std::new_handler handler = std::get_new_handler();
    if (!handler)
        return false;
    handler();
    return true;
}

void* allocate(size_t size) noexcept
{
    // A zero-byte request still returns a distinct pointer.
    size = size ? size : 1;
    for (;;) {
        if (void* pointer = malloc(size))
            return pointer;
        if (!call_new_handler())
            return nullptr;
    }
}

void* allocate_aligned(size_t size, std::align_val_t alignment) noexcept
{
    size = size ? size : 1;
    for (;;) {
        if (void* pointer = aligned_alloc(static_cast<size_t>(alignment), size))
            return pointer;
        if (!call_new_handler())
            return nullptr;
    }
}

// What a throwing form does when it cannot allocate.
void* out_of_memory(size_t size)
{
    if (t_nothrow)
        return nullptr;
    zeroos::cxxabi::fatal("operator new: out of memory, cannot allocate", size, " bytes (vApps have no exceptions)");
}

} // namespace

namespace std {

const nothrow_t nothrow {};

new_handler set_new_handler(new_handler handler) noexcept { return __atomic_exchange_n(&g_new_handler, handler, __ATOMIC_ACQ_REL); }

new_handler get_new_handler() noexcept { return __atomic_load_n(&g_new_handler, __ATOMIC_ACQUIRE); }

} // namespace std

ZEROOS_REPLACEABLE void* operator new(std::size_t size)
{
    void* pointer = allocate(size);
    return pointer ? pointer : out_of_memory(size);
}

ZEROOS_REPLACEABLE void* operator new[](std::size_t size) { return ::operator new(size); }

ZEROOS_REPLACEABLE void* operator new(std::size_t size, std::align_val_t alignment)
{
    void* pointer = allocate_aligned(size, alignment);
    return pointer ? pointer : out_of_memory(size);
}

ZEROOS_REPLACEABLE void* operator new[](std::size_t size, std::align_val_t alignment) { return ::operator new(size, alignment); }

ZEROOS_REPLACEABLE void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    return without_throwing([size] { return ::operator new(size); });
}

ZEROOS_REPLACEABLE void* operator new[](std::size_t size, const std::nothrow_t&) noexcept
{
    return without_throwing([size] { return ::operator new[](size); });
}

ZEROOS_REPLACEABLE void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    return without_throwing([size, alignment] { return ::operator new(size, alignment); });
}

ZEROOS_REPLACEABLE void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    return without_throwing([size, alignment] { return ::operator new[](size, alignment); });
}

ZEROOS_REPLACEABLE void operator delete(void* pointer) noexcept { free(pointer); }

ZEROOS_REPLACEABLE void operator delete[](void* pointer) noexcept { ::operator delete(pointer); }

ZEROOS_REPLACEABLE void operator delete(void* pointer, std::size_t) noexcept { ::operator delete(pointer); }

ZEROOS_REPLACEABLE void operator delete[](void* pointer, std::size_t) noexcept { ::operator delete[](pointer); }

// musl's free takes aligned_alloc's blocks too.
ZEROOS_REPLACEABLE void operator delete(void* pointer, std::align_val_t) noexcept { free(pointer); }

ZEROOS_REPLACEABLE void operator delete[](void* pointer, std::align_val_t alignment) noexcept { ::operator delete(pointer, alignment); }

ZEROOS_REPLACEABLE void operator delete(void* pointer, std::size_t, std::align_val_t alignment) noexcept
{
    ::operator delete(pointer, alignment);
}

ZEROOS_REPLACEABLE void operator delete[](void* pointer, std::size_t, std::align_val_t alignment) noexcept
{
    ::operator delete[](pointer, alignment);
}

ZEROOS_REPLACEABLE void operator delete(void* pointer, const std::nothrow_t&) noexcept { ::operator delete(pointer); }

ZEROOS_REPLACEABLE void operator delete[](void* pointer, const std::nothrow_t&) noexcept { ::operator delete[](pointer); }

ZEROOS_REPLACEABLE void operator delete(void* pointer, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    ::operator delete(pointer, alignment);
}

ZEROOS_REPLACEABLE void operator delete[](void* pointer, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    ::operator delete[](pointer, alignment);
}
