#pragma once

#include "options.h"

namespace zeroos::tracer {

// One whole run of zeroos-run after the command line is understood: check the program, boot the
// kernel, import the mounts, spawn the guest, prepare it, run it, write back. Returns the exit
// status of zeroos-run.
int run_session(const Options&);

} // namespace zeroos::tracer
