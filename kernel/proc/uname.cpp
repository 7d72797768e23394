#include "arch_abi.h"
#include "base/memory.h"
#include "kernel.h"
#include "syscalls.h"
#include "time/linux_abi.h"

// uname and sysinfo: a fixed system description and deterministic memory and uptime figures.
namespace zeroos {

namespace {

    void set_field(char (&field)[65], const char* value) { mem_copy(field, value, min(str_length(value), sizeof(field) - 1)); }

} // namespace

SyscallResult sys_uname(Kernel&, Ptr<LinuxUtsname> buf)
{
    LinuxUtsname name;
    mem_set(&name, 0, sizeof(name));
    set_field(name.sysname, "Linux");
    set_field(name.nodename, "zeroos");
    set_field(name.release, "6.1.0-zeroos");
    set_field(name.version, "#1 ZeroOS");
    set_field(name.machine, arch_machine_name());
    set_field(name.domainname, "(none)");
    TRY(write_to_user(buf, name));
    return 0;
}

SyscallResult sys_sysinfo(Kernel& kernel, Ptr<LinuxSysinfo> destination)
{
    LinuxSysinfo info;
    mem_set(&info, 0, sizeof(info));
    u64 elapsed = kernel.clock().monotonic_ns();
    // Linux rounds a partial second of uptime up.
    info.uptime = static_cast<i64>(elapsed / kNanosecondsPerSecond + (elapsed % kNanosecondsPerSecond ? 1 : 0));
    info.totalram = kernel.memory().arena().size;
    info.freeram = kernel.memory().free_bytes();
    info.procs = 1;
    info.mem_unit = 1;
    TRY(write_to_user<LinuxSysinfo>(destination, info));
    return 0;
}

} // namespace zeroos
