#pragma once

#include "base/format.h"
#include "syscalls.h"

// Decoding a system call into text, from the argument kinds of kernel/syscalls.def (kernel/syscall_arguments.h): the one decoder
// behind fail-fast reports and --trace, on every platform.
namespace zeroos {

struct CallView {
    bool argument_names = true; // fail-fast reports: "fd=3"; --trace, like strace: "3"
    bool finished = false; // the call has run: output arguments (obuf, ostat) are decoded
    long result = 0; // its return value, when finished
};

// "name(arg, arg, ...)" for the parameters in `arguments` (none when it is null).
void format_syscall(LineBuilder&, const char* name, const ArgumentList* arguments, const SyscallArgs&, const CallView& = {});

// " = 3", " = 0x7f00", " = -1 ENOENT (No such file or directory)": a result as --trace shows it.
// `addresses` prints successful values in hex (the mm calls return addresses).
void format_result(LineBuilder&, long value, bool addresses);

} // namespace zeroos
