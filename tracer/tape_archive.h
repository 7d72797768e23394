#pragma once

#include "options.h"

#include <string>
#include <vector>

namespace zeroos::tracer {

// Packs the --mount trees of a RISC-V run into one GNU tar archive for the input tape, each entry
// under its guest path, walked exactly as a host run imports them (walk_mount_tree). The host
// directories are made canonical first. Returns an error line, or "".
std::string pack_mounts(std::vector<MountSpec>& specs, std::string& archive);

} // namespace zeroos::tracer
