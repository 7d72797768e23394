#pragma once

#include <cstddef>
#include <cstdint>
#include <sys/types.h>

namespace zeroos::tracer {

// The guest's memory as seen from the tracer: the shared arena through the tracer's own mapping
// (plain memcpy), everything else through process_vm_readv/process_vm_writev. Every function
// returns 0 (or a length) on success and -EFAULT when any byte is not readable/writable guest
// memory; a guest can never make these crash the tracer.
class GuestMemory {
public:
    // The arena is mapped at `guest_base` in the guest and at `tracer_view` in the tracer.
    void set_arena(std::uint64_t guest_base, std::uint64_t size, unsigned char* tracer_view);
    void set_process(pid_t pid) { pid_ = pid; }

    std::uint64_t arena_base() const { return arena_base_; }
    std::uint64_t arena_size() const { return arena_size_; }

    int read(void* destination, std::uint64_t source, size_t length) const;
    int write(std::uint64_t destination, const void* source, size_t length) const;
    int clear(std::uint64_t destination, size_t length) const;
    // The length of the string, -EFAULT, or -ENAMETOOLONG (no NUL within `capacity` bytes).
    long read_string(char* destination, std::uint64_t source, size_t capacity) const;

private:
    // The tracer's view of [address, address + length) when all of it lies in the arena.
    unsigned char* arena_view(std::uint64_t address, size_t length) const;

    pid_t pid_ = -1;
    std::uint64_t arena_base_ = 0;
    std::uint64_t arena_size_ = 0;
    unsigned char* arena_view_ = nullptr;
};

// The one guest of this zeroos-run, used by the platform seam.
GuestMemory& guest_memory();

} // namespace zeroos::tracer
