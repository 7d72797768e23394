// The initial stack of the vApp: argc, argv, envp and auxv, with the program header table musl
// finds its TLS image through.
#include "initial_stack.h"

#include "base/memory.h"
#include "proc/linux_abi.h"

extern "C" {
extern char __stack_top[];
extern char __tdata_start[], __tdata_end[], __tbss_end[], __tls_align[];
extern void _start(); // the libc's entry point
}

namespace zeroos::riscv {

namespace {

    // The program header table musl reads through AT_PHDR to find the initial TLS image; the ELF
    // headers are not in RAM, so it is rebuilt from linker symbols.
    struct ProgramHeader {
        u32 type, flags;
        u64 offset, virtual_address, physical_address, file_size, memory_size, alignment;
    };
    constexpr u32 kPtTls = 7;
    ProgramHeader g_program_headers[1];

    // AT_HWCAP on RISC-V: one bit per single-letter extension.
    constexpr u64 kHwcapImac = (1ull << ('I' - 'A')) | (1ull << ('M' - 'A')) | (1ull << ('A' - 'A')) | (1ull << ('C' - 'A'));

} // namespace

// Builds argc, argv, envp and auxv at the top of RAM, as Linux's execve leaves them.
u64 build_initial_stack(const Tape& tape, const u8 random_bytes[16])
{
    u64 argc = tape.header ? tape.header->argc : 1;
    u64 envc = tape.header ? tape.header->envc : 0;
    const char* fallback_argv0 = "vapp";

    // Strings and the random bytes first, at the very top.
    u64 top = reinterpret_cast<u64>(__stack_top);
    u64 strings_size = tape.header ? tape.header->strings_size : str_length(fallback_argv0) + 1;
    u64 cursor = align_down(top - strings_size, 16);
    const char* strings = tape.header ? tape.strings : fallback_argv0;
    mem_copy(reinterpret_cast<void*>(cursor), strings, strings_size);
    u64 strings_start = cursor;
    cursor -= 16;
    u64 random_address = cursor;
    mem_copy(reinterpret_cast<void*>(random_address), random_bytes, 16);

    constexpr u64 kAuxvEntries = 14;
    u64 words = 1 + argc + 1 + envc + 1 + 2 * kAuxvEntries;
    cursor = align_down(cursor - words * 8, 16);
    auto* slot = reinterpret_cast<u64*>(cursor);
    *slot++ = argc;
    u64 string = strings_start;
    auto push_strings = [&](u64 count) {
        for (u64 i = 0; i < count; ++i) {
            *slot++ = string;
            string += str_length(reinterpret_cast<const char*>(string)) + 1;
        }
        *slot++ = 0;
    };
    push_strings(argc);
    push_strings(envc);

    bool has_tls = +__tbss_end != +__tdata_start;
    g_program_headers[0] = ProgramHeader { kPtTls, 4, 0, reinterpret_cast<u64>(__tdata_start), reinterpret_cast<u64>(__tdata_start),
        static_cast<u64>(__tdata_end - __tdata_start), static_cast<u64>(__tbss_end - __tdata_start), reinterpret_cast<u64>(__tls_align) };
    const u64 auxv[kAuxvEntries][2] = {
        { abi::at_phdr, reinterpret_cast<u64>(g_program_headers) },
        { abi::at_phent, sizeof(ProgramHeader) },
        { abi::at_phnum, has_tls ? 1u : 0u },
        { abi::at_pagesz, kPageSize },
        { abi::at_entry, reinterpret_cast<u64>(&_start) },
        { abi::at_uid, 0 },
        { abi::at_euid, 0 },
        { abi::at_gid, 0 },
        { abi::at_egid, 0 },
        { abi::at_hwcap, kHwcapImac },
        { abi::at_secure, 0 },
        { abi::at_random, random_address },
        { abi::at_null, 0 },
        { abi::at_null, 0 },
    };
    mem_copy(slot, auxv, sizeof(auxv));
    return cursor;
}

} // namespace zeroos::riscv
