#include "guest_memory.h"

#include "confinement.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/syscall.h>
#include <sys/uio.h>

namespace zeroos::tracer {

namespace {

    constexpr std::uint64_t kPageSize = 4096;
    constexpr size_t kMaxIovecs = 1024; // IOV_MAX
    const unsigned char kZeroPage[kPageSize] = {};

    bool range_wraps(std::uint64_t address, size_t length) { return address + length < address; }

} // namespace

GuestMemory& guest_memory()
{
    static GuestMemory instance;
    return instance;
}

void GuestMemory::set_arena(std::uint64_t guest_base, std::uint64_t size, unsigned char* tracer_view)
{
    arena_base_ = guest_base;
    arena_size_ = size;
    arena_view_ = tracer_view;
}

unsigned char* GuestMemory::arena_view(std::uint64_t address, size_t length) const
{
    if (!arena_view_ || address < arena_base_ || range_wraps(address, length))
        return nullptr;
    std::uint64_t offset = address - arena_base_;
    if (offset > arena_size_ || length > arena_size_ - offset)
        return nullptr;
    return arena_view_ + offset;
}

int GuestMemory::read(void* destination, std::uint64_t source, size_t length) const
{
    if (length == 0)
        return 0;
    if (range_wraps(source, length))
        return -EFAULT;
    if (unsigned char* view = arena_view(source, length)) {
        std::memcpy(destination, view, length);
        return 0;
    }
    iovec local { destination, length };
    iovec remote { reinterpret_cast<void*>(source), length };
    ssize_t count = process_vm_readv(pid_, &local, 1, &remote, 1, 0);
    return count == static_cast<ssize_t>(length) ? 0 : -EFAULT;
}

int GuestMemory::write(std::uint64_t destination, const void* source, size_t length) const
{
    if (length == 0)
        return 0;
    if (range_wraps(destination, length))
        return -EFAULT;
    if (unsigned char* view = arena_view(destination, length)) {
        std::memcpy(view, source, length);
        return 0;
    }
    iovec local { const_cast<void*>(source), length };
    iovec remote { reinterpret_cast<void*>(destination), length };
    ssize_t count = process_vm_writev(pid_, &local, 1, &remote, 1, 0);
    return count == static_cast<ssize_t>(length) ? 0 : -EFAULT;
}

int GuestMemory::clear(std::uint64_t destination, size_t length) const
{
    if (length == 0)
        return 0;
    if (range_wraps(destination, length))
        return -EFAULT;
    if (unsigned char* view = arena_view(destination, length)) {
        std::memset(view, 0, length);
        return 0;
    }
    // One zero page repeated as many local iovecs: up to 4 MiB per system call.
    iovec zeros[kMaxIovecs];
    for (auto& vector : zeros)
        vector = iovec { const_cast<unsigned char*>(kZeroPage), kPageSize };
    while (length > 0) {
        size_t chunk = std::min<size_t>(length, kPageSize * kMaxIovecs);
        size_t vectors = (chunk + kPageSize - 1) / kPageSize;
        zeros[vectors - 1].iov_len = chunk - (vectors - 1) * kPageSize;
        iovec remote { reinterpret_cast<void*>(destination), chunk };
        ssize_t count = process_vm_writev(pid_, zeros, vectors, &remote, 1, 0);
        zeros[vectors - 1].iov_len = kPageSize;
        if (count != static_cast<ssize_t>(chunk))
            return -EFAULT;
        destination += chunk;
        length -= chunk;
    }
    return 0;
}

long GuestMemory::read_string(char* destination, std::uint64_t source, size_t capacity) const
{
    size_t copied = 0;
    while (copied < capacity) {
        std::uint64_t address = source + copied;
        if (address < source)
            return -EFAULT;
        // Never read past the end of the page the string is in: the next one may be unmapped.
        size_t chunk = std::min<size_t>(capacity - copied, kPageSize - (address % kPageSize));
        if (unsigned char* view = arena_view(address, 1)) {
            std::uint64_t arena_left = arena_base_ + arena_size_ - address;
            chunk = std::min<size_t>(capacity - copied, arena_left);
            std::memcpy(destination + copied, view, chunk);
        } else {
            iovec local { destination + copied, chunk };
            iovec remote { reinterpret_cast<void*>(address), chunk };
            if (process_vm_readv(pid_, &local, 1, &remote, 1, 0) != static_cast<ssize_t>(chunk))
                return -EFAULT;
        }
        if (const void* nul = std::memchr(destination + copied, 0, chunk))
            return static_cast<const char*>(nul) - destination;
        copied += chunk;
    }
    return -ENAMETOOLONG;
}

void GuestMemory::note_protection(std::uint64_t address, std::uint64_t length, std::uint32_t prot)
{
    if (length == 0)
        return;
    // One munmap or mprotect often touches the range the previous change ended at: one call.
    if (!pending_protections_.empty()) {
        ProtectionChange& last = pending_protections_.back();
        if (last.prot == prot && last.address + last.length == address) {
            last.length += length;
            return;
        }
    }
    pending_protections_.push_back({ address, length, prot });
}

std::string GuestMemory::apply_protections()
{
    std::vector<ProtectionChange> changes;
    changes.swap(pending_protections_);
    for (const ProtectionChange& change : changes) {
        long result = 0;
        const std::uint64_t arguments[6] = { change.address, change.length, change.prot, 0, 0, 0 };
        if (std::string failure = inject_syscall(pid_, SYS_mprotect, arguments, result); !failure.empty())
            return "injecting mprotect into the guest: " + failure;
        if (result != 0)
            return "applying the guest's protections to its arena failed: " + std::string(std::strerror(static_cast<int>(-result)));
    }
    return {};
}

} // namespace zeroos::tracer
