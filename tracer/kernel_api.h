#pragma once

// The kernel, as the tracer includes it. The kernel's headers spell Linux ABI constants as
// #ifndef-guarded macros with the Linux values, which the host's headers share. A few host headers
// declare such names as enumerators instead (SS_ONSTACK, RLIMIT_*, DT_*), and a kernel macro seen
// first would mangle those declarations, so the host's headers come first.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "kernel.h" // IWYU pragma: export
