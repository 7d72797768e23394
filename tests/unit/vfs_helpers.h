#pragma once

// Shorthands for the VFS unit tests: syscalls by path, with guest strings placed for the caller.

#include "fake_platform.h"
#include "vfs/file_io.h"

#include <string>

namespace vfs_test {

constexpr uint64_t kAtFdcwd = static_cast<uint64_t>(zeroos::abi::at_fdcwd);

struct PipeFds {
    long rc;
    int read_end;
    int write_end;
};

inline PipeFds make_pipe(KernelFixture& f, uint64_t flags = 0)
{
    uint64_t pair = f.reserve(8);
    long rc = f.call("pipe2", pair, flags);
    return { rc, f.read<int>(pair), f.read<int>(pair + 4) };
}

inline long open(KernelFixture& f, const std::string& path, uint64_t flags, uint64_t mode = 0644)
{
    return f.call("openat", kAtFdcwd, f.put_string(path), flags, mode);
}

inline long write_text(KernelFixture& f, long fd, const std::string& text)
{
    return f.call("write", static_cast<uint64_t>(fd), f.put_bytes(text.data(), text.size()), text.size());
}

// Reads up to `count` bytes; the text read, or "<errno N>" on failure.
inline std::string read_text(KernelFixture& f, long fd, size_t count)
{
    uint64_t buffer = f.reserve(count ? count : 1);
    long got = f.call("read", static_cast<uint64_t>(fd), buffer, count);
    if (got < 0)
        return "<errno " + std::to_string(-got) + ">";
    return f.read_string(buffer, static_cast<size_t>(got));
}

inline long make_file(KernelFixture& f, const std::string& path, const std::string& contents)
{
    long fd = open(f, path, zeroos::abi::o_creat | zeroos::abi::o_wronly | zeroos::abi::o_trunc, 0644);
    if (fd < 0)
        return fd;
    long written = write_text(f, fd, contents);
    f.call("close", static_cast<uint64_t>(fd));
    return written < 0 ? written : 0;
}

inline long mkdir(KernelFixture& f, const std::string& path, uint64_t mode = 0755)
{
    return f.call("mkdirat", kAtFdcwd, f.put_string(path), mode);
}

struct StatResult {
    long rc;
    zeroos::abi::Statx stx;
};

inline StatResult statx(KernelFixture& f, const std::string& path, uint64_t flags = 0, uint64_t dirfd = kAtFdcwd)
{
    uint64_t buffer = f.reserve(sizeof(zeroos::abi::Statx));
    StatResult result {};
    result.rc = f.call("statx", dirfd, f.put_string(path), flags, zeroos::abi::statx_basic_stats, buffer);
    if (result.rc == 0)
        result.stx = f.read<zeroos::abi::Statx>(buffer);
    return result;
}

inline long stat_errno(KernelFixture& f, const std::string& path, uint64_t flags = 0) { return statx(f, path, flags).rc; }

} // namespace vfs_test
