#pragma once

#include "options.h"

namespace zeroos::replay {
class RecordingReader;
}

namespace zeroos::tracer {

// One whole run of zeroos-run after the command line is understood: check the program, boot the
// kernel, import the mounts, spawn the guest, prepare it, run it, write back. Returns the exit
// status of zeroos-run. With `replaying`, every host input comes from that trace instead (the
// host's stdin and files are never touched) and each syscall is checked against its log.
int run_session(const Options&, const replay::RecordingReader* replaying = nullptr);

} // namespace zeroos::tracer
