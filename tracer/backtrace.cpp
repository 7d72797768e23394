// Guest backtraces for crash reports and fail-fast stops: libunwind's ptrace accessors walk the
// stopped guest's stack, elfutils' libdwfl names each pc (symbol table, DWARF file:line).
#include "ptrace_loop.h"

#include "kernel_api.h"

#include <cinttypes>
#include <cstdio>
#include <elfutils/libdwfl.h>
#include <libunwind-ptrace.h>
#include <string>

namespace zeroos::tracer {

namespace {

    constexpr int kMaximumFrames = 64;

    // The symbols of the guest's mapped ELF files, found through /proc/PID/maps.
    class Symbolizer {
    public:
        explicit Symbolizer(pid_t guest)
        {
            dwfl_ = dwfl_begin(&kCallbacks);
            if (!dwfl_)
                return;
            dwfl_report_begin(dwfl_);
            dwfl_linux_proc_report(dwfl_, guest); // unreadable mappings (the arena) are skipped
            dwfl_report_end(dwfl_, nullptr, nullptr);
        }
        ~Symbolizer()
        {
            if (dwfl_)
                dwfl_end(dwfl_);
        }
        Symbolizer(const Symbolizer&) = delete;
        Symbolizer& operator=(const Symbolizer&) = delete;

        // " in function+0x12 at file.c:34", or "" when nothing is known about `pc`.
        std::string describe(std::uint64_t pc) const
        {
            Dwfl_Module* module = dwfl_ ? dwfl_addrmodule(dwfl_, pc) : nullptr;
            if (!module)
                return "";
            std::string text;
            GElf_Off offset = 0;
            GElf_Sym symbol;
            if (const char* name = dwfl_module_addrinfo(module, pc, &offset, &symbol, nullptr, nullptr, nullptr)) {
                text += " in ";
                text += name;
                if (offset) {
                    char hex[32];
                    std::snprintf(hex, sizeof(hex), "+0x%" PRIx64, static_cast<std::uint64_t>(offset));
                    text += hex;
                }
            }
            if (Dwfl_Line* line = dwfl_module_getsrc(module, pc)) {
                int number = 0;
                if (const char* file = dwfl_lineinfo(line, nullptr, &number, nullptr, nullptr, nullptr))
                    text += " at " + std::string(file) + ":" + std::to_string(number);
            }
            return text;
        }

    private:
        static inline char* debuginfo_path_ = nullptr;
        static constexpr Dwfl_Callbacks kCallbacks = {
            dwfl_linux_proc_find_elf,
            dwfl_standard_find_debuginfo,
            nullptr,
            &debuginfo_path_,
        };
        Dwfl* dwfl_ = nullptr;
    };

} // namespace

std::vector<std::string> guest_backtrace(pid_t guest, bool at_fault)
{
    std::vector<std::string> frames;
    unw_addr_space_t space = unw_create_addr_space(&_UPT_accessors, 0);
    if (!space)
        return frames;
    void* context = _UPT_create(guest);
    unw_cursor_t cursor;
    if (context && unw_init_remote(&cursor, space, context) == 0) {
        Symbolizer symbols(guest);
        for (int depth = 0; depth < kMaximumFrames; ++depth) {
            unw_word_t pc = 0;
            if (unw_get_reg(&cursor, UNW_REG_IP, &pc) != 0 || pc == 0)
                break;
            // A return address (or the pc after a syscall instruction) is one past the call: look
            // up the instruction before it. Only a faulting frame 0 has the exact pc.
            std::uint64_t lookup = (depth == 0 && at_fault) ? pc : pc - 1;
            std::string where = symbols.describe(lookup);
            if (depth > 0 && where.empty())
                break; // no code there: the unwinder lost the stack (code without unwind tables)
            char head[48];
            std::snprintf(head, sizeof(head), "  #%-2d 0x%016" PRIx64, depth, static_cast<std::uint64_t>(pc));
            frames.push_back(head + where);
            if (unw_step(&cursor) <= 0)
                break;
        }
    }
    if (context)
        _UPT_destroy(context);
    unw_destroy_addr_space(space);
    return frames;
}

void report_guest_backtrace(pid_t guest, bool at_fault)
{
    std::vector<std::string> frames = guest_backtrace(guest, at_fault);
    if (frames.empty()) {
        platform::report("zeroos-run: no guest backtrace (the stack could not be unwound)");
        return;
    }
    platform::report("zeroos-run: guest backtrace:");
    for (const auto& frame : frames)
        platform::report(frame.c_str());
}

} // namespace zeroos::tracer
