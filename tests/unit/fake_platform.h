#pragma once

// A fake machine for kernel unit tests: guest memory is a few host buffers at fixed guest
// addresses with holes between them, stdin is a string, stdout/stderr and reports are captured.

#include "kernel.h"
#include "syscalls.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace fake {

constexpr uint64_t kArenaBase = 0x10000000;
constexpr uint64_t kArenaSize = 64ull << 20;
// A small region outside the arena for test data (strings, structs), followed by an unmapped page.
constexpr uint64_t kScratchBase = 0x4000000;
constexpr uint64_t kScratchSize = 1ull << 20;
constexpr uint64_t kUnmapped = 0x5000000;

void reset();
void set_stdin(std::string data);
const std::string& stdout_text();
// How many times the kernel wrote to the console (a writev must be one write).
size_t console_writes();
const std::string& stderr_text();
const std::vector<std::string>& reports();
// Every path the kernel passed to platform::note_missing_path, in order.
const std::vector<std::string>& missing_paths();
// Every platform::trace line, in order.
const std::vector<std::string>& trace_lines();

// Thread contexts as the platform keeps them: every thread_create and thread_destroy, in order.
struct CreatedThread {
    int tid;
    uint64_t stack;
    bool set_tls;
    uint64_t tls;
};
const std::vector<CreatedThread>& created_threads();
const std::vector<int>& destroyed_threads();
// Every platform::set_guest_protection, in order.
struct ProtectionChange {
    uint64_t address;
    uint64_t length;
    uint32_t prot;
    bool operator==(const ProtectionChange&) const = default;
};
const std::vector<ProtectionChange>& protection_changes();
// Makes the next thread_create calls fail (out of memory).
void fail_thread_creation(bool fail);

// Host pointer for a guest address range; nullptr if any of it is unmapped.
void* host_address(uint64_t guest_address, size_t length);

} // namespace fake

// One booted kernel per test, with helpers to call syscalls by their generic name and to place
// data in guest memory.
class KernelFixture {
public:
    explicit KernelFixture(zeroos::BootConfig config = {});
    ~KernelFixture();

    zeroos::Kernel& kernel() { return *kernel_; }

    // The raw result the guest would see: a value or -errno.
    long call(const char* name, uint64_t a0 = 0, uint64_t a1 = 0, uint64_t a2 = 0, uint64_t a3 = 0, uint64_t a4 = 0, uint64_t a5 = 0);
    // Whether the last call ended the run (exit, fatal signal, fail-fast).
    bool exited() const { return exited_; }
    // Threads as the platform sees them: each call is made by running_tid(); after a Switch
    // outcome the resumed thread runs, and call() returned what its own syscall returns.
    int running_tid() const { return running_tid_; }
    bool switched() const { return switched_; }
    // The guest pc of the following calls (what deadlock reports show).
    void set_pc(uint64_t pc) { pc_ = pc; }

    // Guest memory in the scratch region: each call returns a fresh address.
    uint64_t put_string(const std::string& text);
    uint64_t put_bytes(const void* data, size_t length);
    uint64_t reserve(size_t length, uint8_t fill = 0);
    std::string read_string(uint64_t guest_address, size_t length);
    template<typename T> T read(uint64_t guest_address)
    {
        T value;
        std::memcpy(&value, fake::host_address(guest_address, sizeof(T)), sizeof(T));
        return value;
    }

private:
    zeroos::Kernel* kernel_;
    uint64_t scratch_next_ = fake::kScratchBase;
    bool exited_ = false;
    bool switched_ = false;
    int running_tid_ = 1;
    uint64_t pc_ = 0x1000;
};
