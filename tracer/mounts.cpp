#include "mounts.h"

#include "tape_archive.h"

#include "kernel_api.h"
#include "logging.h"
#include "vfs/host_api.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zeroos::tracer {

namespace fs = std::filesystem;

namespace {

    using ChangedEntry = Mounts::ChangedEntry;
    using ContentWriter = Mounts::ContentWriter;

    std::string describe(const Error& error)
    {
        if (error.is_unsupported())
            return std::string(error.detail() ? error.detail() : "operation") + " is not supported yet";
        return std::strerror(error.code());
    }

    // An import that ran out of file space says which budget it hit.
    std::string describe_import(Kernel& kernel, const Error& error)
    {
        if (error.code() == ENOSPC && kernel.file_space().limit_pages())
            return "the files are larger than --fs-size (" + std::to_string(kernel.file_space().limit_pages() * kPageSize) + " bytes)";
        return describe(error);
    }

    std::string join_guest(const std::string& directory, const std::string& relative)
    {
        return directory == "/" ? "/" + relative : directory + "/" + relative;
    }

    bool read_host_file(const fs::path& path, std::string& contents)
    {
        std::ifstream stream(path, std::ios::binary);
        if (!stream)
            return false;
        contents.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
        return !stream.bad();
    }

    struct WalkedEntry {
        std::string relative_path;
        NodeKind kind;
        u32 mode;
        bool modified;
    };

    void collect_entry(void* context, const TreeEntry& entry)
    {
        static_cast<std::vector<WalkedEntry>*>(context)->push_back(
            WalkedEntry { entry.relative_path ? entry.relative_path : "", entry.kind, entry.mode, entry.modified });
    }

    // Makes every missing directory of `relative` below `root`, refusing to pass through anything
    // that is not a real directory (a symlink could lead out of the tree).
    bool make_host_parents(const fs::path& root, const std::string& relative, std::string& problem)
    {
        fs::path current = root;
        fs::path parents = fs::path(relative).parent_path();
        for (const auto& component : parents) {
            current /= component;
            struct stat status { };
            if (lstat(current.c_str(), &status) == 0) {
                if (!S_ISDIR(status.st_mode)) {
                    problem = current.string() + " is not a directory on the host";
                    return false;
                }
                continue;
            }
            if (mkdir(current.c_str(), 0755) != 0) {
                problem = "cannot create " + current.string() + ": " + std::strerror(errno);
                return false;
            }
        }
        return true;
    }

    // Written-back files and directories get the permission bits only: a guest must not plant a
    // setuid binary or a setgid/sticky directory on the host (cp without -p drops them too).
    constexpr u32 kPermissionBits = 0777;

    const char* kind_of(mode_t mode)
    {
        if (S_ISDIR(mode))
            return "a directory";
        if (S_ISCHR(mode))
            return "a character device";
        if (S_ISBLK(mode))
            return "a block device";
        if (S_ISFIFO(mode))
            return "a FIFO";
        if (S_ISSOCK(mode))
            return "a socket";
        return "not a regular file";
    }

    // Writes the guest file into a new host file beside the name and renames it over the name, so
    // an existing host file is replaced, never written into: a hard link to a file outside the
    // mount keeps its contents, and nothing opens a device or a FIFO (which could block forever).
    // A name that is a symlink or not a regular file on the host is left alone with one line.
    bool write_host_file(
        const std::string& guest_path, const fs::path& host_path, u32 mode, const ContentWriter& write_contents, std::string& problem)
    {
        struct stat existing { };
        if (lstat(host_path.c_str(), &existing) == 0) {
            if (S_ISLNK(existing.st_mode)) {
                problem = "refusing to write back " + guest_path + " through the host symlink " + host_path.string();
                return false;
            }
            if (!S_ISREG(existing.st_mode)) {
                problem = std::string("not writing back ") + guest_path + ": " + host_path.string() + " is " + kind_of(existing.st_mode)
                    + " on the host";
                return false;
            }
        }
        std::string temporary = (host_path.parent_path() / ".zeroos-write-back-XXXXXX").string();
        int fd = mkostemp(temporary.data(), O_CLOEXEC);
        if (fd < 0) {
            problem = "cannot write " + host_path.string() + ": " + std::strerror(errno);
            return false;
        }
        bool ok = write_contents(guest_path, fd, problem);
        if (ok && fchmod(fd, mode & kPermissionBits) != 0)
            spdlog::debug("cannot set the mode of {}: {}", host_path.string(), std::strerror(errno));
        if (close(fd) != 0 && ok) {
            problem = "cannot write " + host_path.string() + ": " + std::strerror(errno);
            ok = false;
        }
        if (ok && rename(temporary.c_str(), host_path.c_str()) != 0) {
            problem = "cannot write " + host_path.string() + ": " + std::strerror(errno);
            ok = false;
        }
        if (!ok)
            unlink(temporary.c_str());
        return ok;
    }

    bool write_all(int fd, const char* data, size_t length)
    {
        for (size_t written = 0; written < length;) {
            ssize_t count = write(fd, data + written, length - written);
            if (count < 0 && errno == EINTR)
                continue;
            if (count <= 0)
                return false;
            written += static_cast<size_t>(count);
        }
        return true;
    }

    // A file's contents from the in-process kernel, a chunk at a time.
    bool copy_from_kernel(Kernel& kernel, const std::string& guest_path, int fd, std::vector<char>& buffer, std::string& problem)
    {
        for (u64 offset = 0;;) {
            auto chunk = vfs_read_file(kernel, guest_path.c_str(), offset, buffer.data(), buffer.size());
            if (chunk.is_error()) {
                problem = "cannot read " + guest_path + " in the guest: " + describe(chunk.error());
                return false;
            }
            if (chunk.value() == 0)
                return true;
            if (!write_all(fd, buffer.data(), chunk.value())) {
                problem = "cannot write back " + guest_path + ": " + std::strerror(errno);
                return false;
            }
            offset += chunk.value();
        }
    }

} // namespace

bool is_contained_relative_path(const std::string& relative_path)
{
    if (relative_path.empty() || relative_path[0] == '/')
        return false;
    size_t position = 0;
    while (position <= relative_path.size()) {
        size_t end = relative_path.find('/', position);
        if (end == std::string::npos)
            end = relative_path.size();
        std::string component = relative_path.substr(position, end - position);
        if (component.empty() || component == "." || component == "..")
            return false;
        position = end + 1;
    }
    return true;
}

std::string canonicalise_mounts(std::vector<MountSpec>& specs)
{
    for (auto& spec : specs) {
        std::error_code error;
        fs::path canonical = fs::canonical(spec.host_directory, error);
        if (error)
            return "cannot mount " + spec.host_directory + ": " + error.message();
        if (!fs::is_directory(canonical, error))
            return "cannot mount " + spec.host_directory + ": not a directory";
        spec.host_directory = canonical.string();
    }
    return {};
}

std::string read_rootfs_archive(const std::string& path, std::string& contents)
{
    // Bounded before reading, so /dev/zero or a FIFO cannot make the run read without end.
    constexpr std::uintmax_t kMaxArchiveBytes = 4ull << 30;
    constexpr size_t kTarBlock = 512, kMagicOffset = 257;
    std::error_code error;
    auto status = fs::status(path, error);
    if (error)
        return "cannot read --rootfs " + path + ": " + error.message();
    if (!fs::is_regular_file(status))
        return "--rootfs " + path + " is not a regular file (a tar archive is expected)";
    if (fs::file_size(path, error) > kMaxArchiveBytes)
        return "--rootfs " + path + " is larger than 4 GiB";
    if (!read_host_file(path, contents))
        return "cannot read --rootfs " + path + ": " + std::strerror(errno);
    // "ustar\0" (POSIX) or "ustar " (GNU) at offset 257 of the first header.
    if (contents.size() < kTarBlock || contents.compare(kMagicOffset, 5, "ustar") != 0)
        return "--rootfs " + path + " is not a tar archive (no ustar header at its start)";
    return {};
}

std::string Mounts::import(Kernel& kernel, const std::string& rootfs_tar)
{
    if (!ZEROOS_FEATURE_VFS && (!rootfs_tar.empty() || !specs_.empty()))
        return "--mount and --rootfs need the vfs feature, which is not built into this zeroos-run (-DZEROOS_FEATURES)";
    if (!rootfs_tar.empty()) {
        std::string archive;
        if (std::string problem = read_rootfs_archive(rootfs_tar, archive); !problem.empty())
            return problem;
        auto imported = vfs_import_tar(kernel, archive.data(), archive.size(), "/");
        if (imported.is_error())
            return "cannot unpack --rootfs " + rootfs_tar + ": " + describe_import(kernel, imported.error());
    }
    if (std::string problem = canonicalise_mounts(specs_); !problem.empty())
        return problem;
    for (auto& spec : specs_) {
        std::string problem = import_tree(kernel, spec);
        if (!problem.empty())
            return problem;
    }
    return finish_import(kernel);
}

std::string Mounts::import_archives(Kernel& kernel, const std::vector<std::string_view>& archives)
{
    for (std::string_view archive : archives) {
        auto imported = vfs_import_tar(kernel, archive.data(), archive.size(), "/");
        if (imported.is_error())
            return "cannot unpack a recorded file system archive: " + describe_import(kernel, imported.error());
    }
    return finish_import(kernel);
}

std::string Mounts::finish_import(Kernel& kernel)
{
    for (const auto& spec : specs_) {
        if (spec.writable)
            continue;
        auto marked = vfs_mark_read_only(kernel, spec.guest_directory.c_str());
        if (marked.is_error())
            return "cannot make " + spec.guest_directory + " read-only: " + describe(marked.error());
    }
    vfs_clear_modified(kernel);
    return {};
}

namespace {

    // One host directory's entries, sorted by name (bytewise), then each visited and every real
    // directory entered after it is visited: the guest's tree, its readdir order and its inode
    // numbers (the kernel numbers nodes as they are created) are the same on every host file
    // system, whatever order the host's readdir gives. Symlinked directories are copied as
    // symlinks, never entered.
    std::string walk_host_directory(const MountSpec& spec, const fs::path& directory, MountTreeVisitor& visitor)
    {
        std::error_code error;
        std::vector<fs::directory_entry> entries;
        for (fs::directory_iterator listing(directory, error); !error && listing != fs::directory_iterator(); listing.increment(error))
            entries.push_back(*listing);
        if (error)
            return "cannot mount " + spec.host_directory + ": " + error.message();
        std::sort(entries.begin(), entries.end(), [](const fs::directory_entry& a, const fs::directory_entry& b) {
            return a.path().filename().native() < b.path().filename().native();
        });
        for (const fs::directory_entry& entry : entries) {
            // Lexical: fs::relative would resolve a symlink entry to wherever it points.
            std::string relative = entry.path().lexically_relative(spec.host_directory).string();
            std::string guest_path = join_guest(spec.guest_directory, relative);
            fs::file_status status = entry.symlink_status(error);
            if (error)
                return "cannot mount " + spec.host_directory + ": " + error.message();
            u32 mode = static_cast<u32>(status.permissions()) & 07777;
            std::string problem;
            if (fs::is_symlink(status)) {
                fs::path target = fs::read_symlink(entry.path(), error);
                if (error)
                    return "cannot mount " + spec.host_directory + ": " + error.message();
                problem = visitor.symlink(guest_path, target.string());
            } else if (fs::is_directory(status)) {
                problem = visitor.directory(guest_path, mode);
            } else if (fs::is_regular_file(status)) {
                std::string contents;
                if (!read_host_file(entry.path(), contents))
                    return "cannot mount " + spec.host_directory + ": cannot read " + entry.path().string() + ": " + std::strerror(errno);
                problem = visitor.file(guest_path, contents, mode);
            } else {
                spdlog::info(
                    "--mount {}: skipping {}: neither a file, a directory nor a symlink", spec.host_directory, entry.path().string());
            }
            if (!problem.empty())
                return "cannot mount " + spec.host_directory + " at " + spec.guest_directory + ": " + problem;
            if (fs::is_directory(status))
                if (problem = walk_host_directory(spec, entry.path(), visitor); !problem.empty())
                    return problem;
        }
        return {};
    }

} // namespace

std::string walk_mount_tree(const MountSpec& spec, MountTreeVisitor& visitor)
{
    std::string problem = visitor.directory(spec.guest_directory, 0755);
    if (!problem.empty())
        return problem;
    return walk_host_directory(spec, spec.host_directory, visitor);
}

std::string Mounts::import_tree(Kernel& kernel, const MountSpec& spec)
{
    // Straight into the kernel's file system.
    struct Importer : MountTreeVisitor {
        explicit Importer(Kernel& kernel)
            : kernel(kernel)
        {
        }
        std::string outcome(const std::string& guest_path, const ErrorOr<void>& result)
        {
            return result.is_error() ? guest_path + ": " + describe_import(kernel, result.error()) : std::string();
        }
        std::string directory(const std::string& guest_path, u32) override
        {
            return outcome(guest_path, vfs_make_directories(kernel, guest_path.c_str()));
        }
        std::string file(const std::string& guest_path, const std::string& contents, u32 mode) override
        {
            return outcome(guest_path, vfs_create_file(kernel, guest_path.c_str(), contents.data(), contents.size(), mode));
        }
        std::string symlink(const std::string& guest_path, const std::string& target) override
        {
            return outcome(guest_path, vfs_create_symlink(kernel, guest_path.c_str(), target.c_str()));
        }
        Kernel& kernel;
    } importer(kernel);
    return walk_mount_tree(spec, importer);
}

bool Mounts::belongs_to_nested_mount(const MountSpec& spec, const std::string& guest_path) const
{
    for (const auto& other : specs_) {
        if (&other == &spec || other.guest_directory.size() <= spec.guest_directory.size())
            continue;
        const std::string& inner = other.guest_directory;
        if (guest_path == inner || guest_path.starts_with(inner + "/"))
            return true;
    }
    return false;
}

bool Mounts::write_back(Kernel& kernel)
{
    bool all_ok = true;
    for (const auto& spec : specs_) {
        if (!spec.writable)
            continue;
        std::vector<WalkedEntry> walked;
        auto result = vfs_walk(kernel, spec.guest_directory.c_str(), collect_entry, &walked);
        if (result.is_error()) {
            say("cannot write back " + spec.guest_directory + ": " + describe(result.error()));
            all_ok = false;
            continue;
        }
        std::vector<ChangedEntry> changed;
        for (const auto& entry : walked)
            if (entry.modified && (entry.kind == NodeKind::RegularFile || entry.kind == NodeKind::Directory))
                changed.push_back(
                    ChangedEntry { join_guest(spec.guest_directory, entry.relative_path), entry.kind == NodeKind::Directory, entry.mode });
        std::vector<char> buffer(1 << 20); // one for all files: zeroing 1 MiB per file was most of the time
        auto from_kernel = [&kernel, &buffer](const std::string& guest_path, int fd, std::string& problem) {
            return copy_from_kernel(kernel, guest_path, fd, buffer, problem);
        };
        all_ok = write_back_changes(spec, changed, from_kernel) && all_ok;
    }
    return all_ok;
}

bool Mounts::write_back_archive(const std::string& archive)
{
    std::vector<ChangedEntry> changed;
    std::map<std::string, std::string> contents;
    if (std::string problem = read_changes_archive(archive, changed, contents); !problem.empty()) {
        say("cannot write back the :rw mounts: " + problem);
        return false;
    }
    auto from_archive = [&contents](const std::string& guest_path, int fd, std::string& problem) {
        const std::string& data = contents[guest_path];
        if (write_all(fd, data.data(), data.size()))
            return true;
        problem = "cannot write back " + guest_path + ": " + std::strerror(errno);
        return false;
    };
    bool all_ok = true;
    for (const auto& spec : specs_)
        if (spec.writable)
            all_ok = write_back_changes(spec, changed, from_archive) && all_ok;
    return all_ok;
}

bool Mounts::write_back_changes(const MountSpec& spec, const std::vector<ChangedEntry>& changed, const ContentWriter& write_contents)
{
    bool all_ok = true;
    fs::path root(spec.host_directory);
    const std::string prefix = spec.guest_directory == "/" ? "/" : spec.guest_directory + "/";
    for (const auto& entry : changed) {
        // Entries below other mounts (the archive holds every :rw mount's) belong to those.
        if (!entry.guest_path.starts_with(prefix) || belongs_to_nested_mount(spec, entry.guest_path))
            continue;
        std::string relative_path = entry.guest_path.substr(prefix.size());
        std::string problem;
        if (!is_contained_relative_path(relative_path)) {
            problem = "refusing to write back " + entry.guest_path + ": it would leave " + spec.host_directory;
        } else if (make_host_parents(root, relative_path, problem)) {
            fs::path host_path = root / relative_path;
            if (entry.directory) {
                struct stat status { };
                if (lstat(host_path.c_str(), &status) != 0 && mkdir(host_path.c_str(), entry.mode & kPermissionBits) != 0)
                    problem = "cannot create " + host_path.string() + ": " + std::strerror(errno);
            } else if (write_host_file(entry.guest_path, host_path, entry.mode, write_contents, problem)) {
                spdlog::info("wrote back {} to {}", entry.guest_path, host_path.string());
            }
        }
        if (!problem.empty()) {
            say(problem);
            all_ok = false;
        }
    }
    return all_ok;
}

} // namespace zeroos::tracer
