// The platform seam on bare-metal RISC-V: guest memory is all of RAM (one address space, no
// MMU), so a user copy is a bounds check and a memcpy; console and exit go to the port, stdin
// comes from the tape or, streamed, from the port.
#include "platform.h"

#include "base/errno.h"
#include "base/memory.h"
#include "port.h"
#include "riscv_platform.h"

extern "C" {
extern char __stack_top[];
}

namespace zeroos {

namespace {

    constexpr u64 kRamBase = 0x80000000;

    // constinit: set by __platform_bootstrap before the C++ start-up, which must not reset it.
    constinit riscv::Port g_port {};
    platform::Region g_arena;
    platform::Region g_kernel_heap;
    const u8* g_stdin = nullptr;
    size_t g_stdin_size = 0;
    size_t g_stdin_offset = 0;
    bool g_stdin_streamed = false;
    // Instructions retired while the port waited for streamed stdin: how long the launcher takes to
    // answer is wall-clock time, not the vApp's work, so counts leave it out.
    u64 g_waiting_instructions = 0;

    u64 minstret()
    {
        u64 instructions;
        asm volatile("csrr %0, minstret" : "=r"(instructions));
        return instructions;
    }

    bool is_guest_range(u64 address, size_t length)
    {
        u64 end = reinterpret_cast<u64>(__stack_top);
        return address >= kRamBase && !range_overflows(address, length) && address + length <= end;
    }

} // namespace

namespace riscv {

    void install_port(const Port& port) { g_port = port; }

    void set_memory_regions(platform::Region kernel_heap, platform::Region arena)
    {
        g_kernel_heap = kernel_heap;
        g_arena = arena;
    }

    void set_stdin(const u8* data, size_t size)
    {
        g_stdin = data;
        g_stdin_size = size;
        g_stdin_offset = 0;
    }

    void set_stdin_streamed() { g_stdin_streamed = true; }

    const Port& port() { return g_port; }

} // namespace riscv

namespace platform {

    int copy_from_user(void* destination, u64 source, size_t length)
    {
        if (!is_guest_range(source, length))
            return -EFAULT;
        mem_copy(destination, reinterpret_cast<const void*>(source), length);
        return 0;
    }

    int copy_to_user(u64 destination, const void* source, size_t length)
    {
        if (!is_guest_range(destination, length))
            return -EFAULT;
        mem_copy(reinterpret_cast<void*>(destination), source, length);
        return 0;
    }

    int clear_user(u64 destination, size_t length)
    {
        if (!is_guest_range(destination, length))
            return -EFAULT;
        mem_set(reinterpret_cast<void*>(destination), 0, length);
        return 0;
    }

    long strncpy_from_user(char* destination, u64 source, size_t capacity)
    {
        for (size_t i = 0; i < capacity; ++i) {
            if (!is_guest_range(source + i, 1))
                return -EFAULT;
            destination[i] = *reinterpret_cast<const char*>(source + i);
            if (destination[i] == '\0')
                return static_cast<long>(i);
        }
        return -ENAMETOOLONG;
    }

    long console_write(int stream, const void* data, size_t length)
    {
        g_port.console_write(stream, static_cast<const char*>(data), length);
        return static_cast<long>(length);
    }

    long stdin_read(void* data, size_t length)
    {
        if (g_stdin_streamed) {
            u64 start = minstret();
            long got = g_port.stdin_read(data, length);
            g_waiting_instructions += minstret() - start;
            return got;
        }
        size_t count = min(length, g_stdin_size - g_stdin_offset);
        mem_copy(data, g_stdin + g_stdin_offset, count);
        g_stdin_offset += count;
        return static_cast<long>(count);
    }

    void report(const char* line)
    {
        g_port.console_write(2, line, str_length(line));
        g_port.console_write(2, "\n", 1);
    }

    void note_missing_path(const char*) { }

    // Trace lines travel on their own console stream; zeroos-run prints them to stderr or --trace-file.
    void trace(const char* line)
    {
        g_port.console_write(riscv::kTraceStream, line, str_length(line));
        g_port.console_write(riscv::kTraceStream, "\n", 1);
    }

    u64 cost_counter() { return minstret() - g_waiting_instructions; }

    Region guest_arena() { return g_arena; }
    Region kernel_heap_region() { return g_kernel_heap; }
    void set_guest_protection(u64, u64, u32) { } // no MMU: nothing to apply

} // namespace platform

} // namespace zeroos
