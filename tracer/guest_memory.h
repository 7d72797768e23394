#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

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

    // The kernel changed the guest's protection of arena pages (platform::set_guest_protection).
    // The arena is one shared mapping in the guest, PROT_NONE where nothing is mapped; changes are
    // applied to it with injected mprotect calls before the guest runs again.
    void note_protection(std::uint64_t address, std::uint64_t length, std::uint32_t prot);
    bool protections_pending() const { return !pending_protections_.empty(); }
    // Injects the pending changes into the stopped guest; returns an error message or "".
    std::string apply_protections();

private:
    struct ProtectionChange {
        std::uint64_t address;
        std::uint64_t length;
        std::uint32_t prot;
    };

    // The tracer's view of [address, address + length) when all of it lies in the arena.
    unsigned char* arena_view(std::uint64_t address, size_t length) const;

    pid_t pid_ = -1;
    std::uint64_t arena_base_ = 0;
    std::uint64_t arena_size_ = 0;
    unsigned char* arena_view_ = nullptr;
    std::vector<ProtectionChange> pending_protections_;
};

// The one guest of this zeroos-run, used by the platform seam.
GuestMemory& guest_memory();

} // namespace zeroos::tracer
