#pragma once

#include "mounts.h"
#include "options.h"

#include <map>
#include <string>
#include <vector>

namespace zeroos::tracer {

// Packs the --mount trees of a RISC-V run into one GNU tar archive for the input tape, each entry
// under its guest path, walked exactly as a host run imports them (walk_mount_tree). The host
// directories are made canonical first. Returns an error line, or "".
std::string pack_mounts(std::vector<MountSpec>& specs, std::string& archive);

// Reads the archive of changes a RISC-V vApp sends at exit (vfs_export_changes): its directories
// and regular files by absolute guest path, and the files' contents. Returns an error line for a
// damaged or incomplete archive, or "".
std::string read_changes_archive(
    const std::string& archive, std::vector<Mounts::ChangedEntry>& changed, std::map<std::string, std::string>& contents);

} // namespace zeroos::tracer
