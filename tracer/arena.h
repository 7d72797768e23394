#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace zeroos::tracer {

// The guest arena: one memfd mapped MAP_SHARED both in the tracer and, at a fixed address, in the
// guest, so the kernel reads and writes guest brk/mmap memory without a system call.
class GuestArena {
public:
    // Far from a static program (0x400000), its brk, the stack and mmap_base (0x7f...).
    static constexpr std::uint64_t kGuestBase = 0x100000000000;

    GuestArena() = default;
    GuestArena(const GuestArena&) = delete;
    GuestArena& operator=(const GuestArena&) = delete;
    ~GuestArena();

    // Creates the memfd (inherited by the guest across fork and exec) and the tracer's mapping.
    // Returns an error message, or "" on success.
    std::string create(std::uint64_t size);

    // At the guest's exec stop: maps the memfd at kGuestBase in the guest with an injected mmap,
    // PROT_NONE until the kernel maps pages (GuestMemory::apply_protections), then closes the
    // guest's inherited copy of the descriptor. Registers and code are restored.
    std::string map_into_guest(pid_t pid);

    // Once the guest has mapped the arena the tracer needs only its own mapping.
    void close_descriptor();

    std::uint64_t size() const { return size_; }
    unsigned char* tracer_view() const { return view_; }
    int descriptor() const { return fd_; }

private:
    int fd_ = -1;
    std::uint64_t size_ = 0;
    unsigned char* view_ = nullptr;
};

} // namespace zeroos::tracer
