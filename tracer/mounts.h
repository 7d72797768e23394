#pragma once

#include "options.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace zeroos {
class Kernel;
}

namespace zeroos::tracer {

// The declared ways host files enter the guest's file system (--rootfs, --mount) and leave it
// again (--mount ...:rw write-back at exit).
class Mounts {
public:
    explicit Mounts(std::vector<MountSpec> specs)
        : specs_(std::move(specs))
    {
    }

    // Unpacks --rootfs at "/", copies every --mount tree, marks :ro trees read-only and declares
    // the result unmodified. Returns an error line without "zeroos-run: ", or "".
    std::string import(Kernel&, const std::string& rootfs_tar);
    // The same from tar archives (a recording's, or a trace's when replaying): unpacked at "/" in
    // order, then the read-only marks. Host directories must be canonical already.
    std::string import_archives(Kernel&, const std::vector<std::string_view>& archives);
    std::vector<MountSpec>& specs() { return specs_; }

    // Writes every regular file the guest created or changed under a :rw mount back to the host,
    // never outside that mount's host directory. Each problem is reported in one line; returns
    // whether all went well.
    bool write_back(Kernel&);
    // The same from the archive of changes a RISC-V vApp sends when it ends (vfs_export_changes).
    bool write_back_archive(const std::string& archive);

    // One directory or regular file the guest created or changed, by its absolute guest path.
    struct ChangedEntry {
        std::string guest_path;
        bool directory;
        std::uint32_t mode;
    };
    // Fills the host file `fd` with the guest file's contents; on failure sets the problem line.
    using ContentWriter = std::function<bool(const std::string& guest_path, int fd, std::string& problem)>;

private:
    std::string import_tree(Kernel&, const MountSpec&);
    std::string finish_import(Kernel&);
    bool write_back_changes(const MountSpec&, const std::vector<ChangedEntry>&, const ContentWriter&);
    bool belongs_to_nested_mount(const MountSpec&, const std::string& guest_path) const;

    std::vector<MountSpec> specs_; // host_directory made canonical by import()
};

// What a walk of a mount's host tree finds, each entry under its guest path. Each callback returns
// an error line, or "" to go on.
struct MountTreeVisitor {
    virtual ~MountTreeVisitor() = default;
    virtual std::string directory(const std::string& guest_path, std::uint32_t mode) = 0;
    virtual std::string file(const std::string& guest_path, const std::string& contents, std::uint32_t mode) = 0;
    virtual std::string symlink(const std::string& guest_path, const std::string& target) = 0;
};

// Walks a --mount tree: the guest directory itself first, then every directory, regular file and
// symlink below the host directory (symlinks copied as links, never followed; other file types
// skipped). The host directory must already be canonical. Returns an error line, or "".
std::string walk_mount_tree(const MountSpec&, MountTreeVisitor&);

// Reads a --rootfs archive whole: a regular file of at most 4 GiB that starts with a tar header
// (ustar or GNU). Returns an error line naming the file, or "".
std::string read_rootfs_archive(const std::string& path, std::string& contents);

// Makes every host directory canonical and checks it is a directory. Returns an error line, or "".
std::string canonicalise_mounts(std::vector<MountSpec>&);

// A relative path from a guest directory walk that stays inside its root once appended to it:
// not empty, not absolute, no "." or ".." components, no empty components.
bool is_contained_relative_path(const std::string& relative_path);

} // namespace zeroos::tracer
