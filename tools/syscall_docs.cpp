// Prints docs/syscalls.md from the two syscall lists (kernel/syscalls.def and
// shim/x86_64/x86_64_syscalls.def). The build regenerates it and a test checks that the committed
// file is the same, so the documentation cannot drift from the lists.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

struct Generic {
    long number;
    const char* name;
    const char* group;
    const char* support;
    const char* arguments;
};

const Generic kGeneric[] = {
#define SYSCALL(number, name, group, support, parameters) { number, #name, #group, #support, #parameters },
#include "syscalls.def"
#undef SYSCALL
};

struct X86 {
    long number;
    const char* name;
    const char* how;
    const char* adapter;
};

const X86 kX86[] = {
#define X86_DIRECT(number, name) { number, #name, "DIRECT", "" },
#define X86_ADAPTER(number, name, adapter) { number, #name, "ADAPTER", #adapter },
#define X86_NONE(number, name) { number, #name, "NONE", "" },
#include "x86_64_syscalls.def"
#undef X86_DIRECT
#undef X86_ADAPTER
#undef X86_NONE
};

const char* status(const std::string& support)
{
    if (support == "IMPLEMENTED")
        return "implemented";
    if (support == "QUIET_ENOSYS")
        return "quiet ENOSYS";
    return "fails fast";
}

} // namespace

int main()
{
    std::map<std::string, std::vector<long>> direct;
    for (const auto& call : kX86)
        if (std::string(call.how) == "DIRECT")
            direct[call.name].push_back(call.number);

    std::printf("# System calls\n\n");
    std::printf("Generated from `kernel/syscalls.def` and `shim/x86_64/x86_64_syscalls.def` by `tools/syscall_docs.cpp`;\n"
                "do not edit (a test compares this file with the lists). Names and numbers are the asm-generic ones\n"
                "(riscv64), which is how `--trace` prints calls and what `--trace=NAME` takes.\n\n");
    std::printf("- **implemented**: served by the ZeroOS kernel on both targets\n"
                "- **quiet ENOSYS**: answered `-ENOSYS` without a report (libcs probe these and fall back)\n"
                "- **fails fast**: known, not implemented: the guest stops with a report and exit status 70\n\n");
    std::printf("| name | generic | x86-64 | status | group | arguments |\n|---|---|---|---|---|---|\n");
    for (const auto& call : kGeneric) {
        std::string x86;
        for (long number : direct[call.name])
            x86 += (x86.empty() ? "" : ", ") + std::to_string(number);
        std::string arguments = std::string(call.arguments).substr(1); // the parameter list without its parentheses
        arguments.pop_back();
        std::printf("| `%s` | %ld | %s | %s | %s | %s |\n", call.name, call.number, x86.empty() ? "—" : x86.c_str(), status(call.support),
            call.group, arguments.empty() ? "—" : ("`" + arguments + "`").c_str());
    }

    std::printf("\n## x86-64 calls served by rewriting\n\n"
                "These x86-64 calls have no generic counterpart of the same name; `shim/x86_64/legacy.cpp` serves each\n"
                "through generic calls (for example `open` as `openat(AT_FDCWD, ...)`), and `--trace` shows those.\n\n"
                "| x86-64 name | x86-64 number | adapter |\n|---|---|---|\n");
    for (const auto& call : kX86)
        if (std::string(call.how) == "ADAPTER")
            std::printf("| `%s` | %ld | `%s` |\n", call.name, call.number, call.adapter);

    std::printf("\n## x86-64 calls ZeroOS does not serve\n\n"
                "Each stops the guest with a report naming it (or answers ENOSYS under `--on-unsupported=enosys`).\n\n");
    std::string line;
    for (const auto& call : kX86)
        if (std::string(call.how) == "NONE") {
            std::string item = std::string("`") + call.name + "` (" + std::to_string(call.number) + ")";
            if (line.size() + item.size() > 100) {
                std::printf("%s\n", line.c_str());
                line.clear();
            }
            line += (line.empty() ? "" : ", ") + item;
        }
    if (!line.empty())
        std::printf("%s\n", line.c_str());
    return 0;
}
