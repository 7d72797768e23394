#include "vfs/host_api.h"
#include "vfs_helpers.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace zeroos;
using namespace vfs_test;

namespace {

// Builds tar archives in memory: ustar headers by default, GNU ones on request.
class TarBuilder {
public:
    void add(char type, const std::string& name, const std::string& data = "", const std::string& link = "", bool gnu = false,
        const std::string& prefix = "", unsigned mode = 0644)
    {
        std::vector<uint8_t> header(512, 0);
        std::memcpy(header.data(), name.data(), std::min<size_t>(name.size(), 100));
        std::snprintf(reinterpret_cast<char*>(&header[100]), 8, "%07o", mode);
        std::snprintf(reinterpret_cast<char*>(&header[108]), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char*>(&header[116]), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char*>(&header[124]), 12, "%011zo", data.size());
        std::snprintf(reinterpret_cast<char*>(&header[136]), 12, "%011o", 0);
        header[156] = static_cast<uint8_t>(type);
        std::memcpy(&header[157], link.data(), std::min<size_t>(link.size(), 100));
        if (gnu)
            std::memcpy(&header[257], "ustar  ", 8);
        else
            std::memcpy(&header[257],
                "ustar\0"
                "00",
                8);
        std::memcpy(&header[345], prefix.data(), std::min<size_t>(prefix.size(), 155));
        std::memset(&header[148], ' ', 8);
        unsigned sum = 0;
        for (uint8_t byte : header)
            sum += byte;
        std::snprintf(reinterpret_cast<char*>(&header[148]), 8, "%06o", sum);
        bytes.insert(bytes.end(), header.begin(), header.end());
        bytes.insert(bytes.end(), data.begin(), data.end());
        bytes.resize((bytes.size() + 511) / 512 * 512, 0);
    }
    void gnu_long(char type, const std::string& value) { add(type, "././@LongLink", value + '\0', "", true); }
    std::vector<uint8_t> finish() const
    {
        auto out = bytes;
        out.resize(out.size() + 1024, 0);
        return out;
    }
    size_t size() const { return bytes.size(); }

    std::vector<uint8_t> bytes;
};

std::string file_text(KernelFixture& f, const char* path)
{
    char buffer[256];
    auto got = vfs_read_file(f.kernel(), path, 0, buffer, sizeof(buffer));
    if (got.is_error())
        return "<errno " + std::to_string(got.error().code()) + ">";
    return std::string(buffer, got.value());
}

struct Walked {
    std::string path;
    NodeKind kind;
    uint32_t mode;
    uint64_t size;
    bool modified;
};

std::vector<Walked> walk(KernelFixture& f, const char* directory)
{
    std::vector<Walked> entries;
    auto visit = [](void* context, const TreeEntry& entry) {
        static_cast<std::vector<Walked>*>(context)->push_back({ entry.relative_path, entry.kind, entry.mode, entry.size, entry.modified });
    };
    auto walked = vfs_walk(f.kernel(), directory, visit, &entries);
    if (walked.is_error())
        entries.push_back({ "<errno " + std::to_string(walked.error().code()) + ">", NodeKind::Other, 0, 0, false });
    return entries;
}

} // namespace

TEST_CASE("vfs host api: create, read back, walk in name order, modified flags")
{
    KernelFixture f;
    auto& k = f.kernel();
    REQUIRE_FALSE(vfs_make_directories(k, "/data/sub/deeper").is_error());
    REQUIRE_FALSE(vfs_create_file(k, "/data/b.txt", "bee", 3, 0640).is_error());
    REQUIRE_FALSE(vfs_create_file(k, "/data/a.txt", "a", 1, 0600).is_error());
    REQUIRE_FALSE(vfs_create_file(k, "/data/new/dir/c", "c", 1, 0600).is_error()); // parents made
    REQUIRE_FALSE(vfs_create_symlink(k, "/data/link", "a.txt").is_error());
    CHECK(vfs_create_symlink(k, "/data/link", "x").error().code() == EEXIST);
    CHECK(vfs_create_file(k, "/data/sub", "x", 1, 0600).error().code() == EISDIR);
    CHECK(vfs_make_directories(k, "/data/a.txt/x").error().code() == ENOTDIR);
    CHECK(vfs_make_directories(k, "relative").error().code() == EINVAL);
    CHECK(file_text(f, "/data/b.txt") == "bee");
    CHECK(file_text(f, "/data/link") == "a");
    CHECK(file_text(f, "/data") == "<errno 21>");
    CHECK(file_text(f, "/nope") == "<errno 2>");
    char link[16];
    auto link_length = vfs_read_link(k, "/data/link", link, sizeof(link));
    REQUIRE_FALSE(link_length.is_error());
    CHECK(std::string(link, link_length.value()) == "a.txt");
    CHECK(vfs_read_link(k, "/data/a.txt", link, sizeof(link)).error().code() == EINVAL);

    vfs_clear_modified(k);
    long fd = open(f, "/data/a.txt", abi::o_wronly | abi::o_append);
    CHECK(write_text(f, fd, "ppend") == 5);
    REQUIRE(make_file(f, "/data/sub/guest", "g") == 0);
    // The replaced file is new: modified again after a host create.
    auto entries = walk(f, "/data");
    std::vector<std::string> paths;
    for (auto& entry : entries)
        paths.push_back(entry.path);
    CHECK(paths == std::vector<std::string> { "a.txt", "b.txt", "link", "new", "new/dir", "new/dir/c", "sub", "sub/deeper", "sub/guest" });
    CHECK(entries[0].modified);
    CHECK(entries[0].size == 6);
    CHECK(entries[0].mode == 0600);
    CHECK(entries[0].kind == NodeKind::RegularFile);
    CHECK_FALSE(entries[1].modified);
    CHECK(entries[1].mode == 0640);
    CHECK(entries[2].kind == NodeKind::Symlink);
    CHECK_FALSE(entries[2].modified);
    CHECK(entries[3].kind == NodeKind::Directory);
    CHECK(entries[6].modified); // a child was created in it
    CHECK(entries[8].modified);
    CHECK(walk(f, "/data/a.txt")[0].path == "<errno 20>");
    CHECK(walk(f, "/dev").size() == 4);
    CHECK(walk(f, "/dev")[0].kind == NodeKind::Other);

    // Replacing a file through the host API gives fresh contents.
    REQUIRE_FALSE(vfs_create_file(k, "/data/a.txt", "fresh", 5, 0644).is_error());
    CHECK(file_text(f, "/data/a.txt") == "fresh");
}

TEST_CASE("vfs host api: read-only trees refuse every change with EROFS")
{
    KernelFixture f;
    auto& k = f.kernel();
    REQUIRE_FALSE(vfs_create_file(k, "/ro/dir/file", "keep", 4, 0644).is_error());
    REQUIRE_FALSE(vfs_create_file(k, "/ro/other", "o", 1, 0644).is_error());
    REQUIRE_FALSE(vfs_mark_read_only(k, "/ro").is_error());
    CHECK(vfs_mark_read_only(k, "/ro/other").error().code() == ENOTDIR);

    long fd = open(f, "/ro/dir/file", abi::o_rdonly);
    CHECK(read_text(f, fd, 10) == "keep"); // reading is fine
    CHECK(open(f, "/ro/dir/file", abi::o_wronly) == -EROFS);
    CHECK(open(f, "/ro/dir/file", abi::o_rdonly | abi::o_trunc) == -EROFS);
    CHECK(open(f, "/ro/dir/new", abi::o_creat | abi::o_wronly) == -EROFS);
    CHECK(mkdir(f, "/ro/newdir") == -EROFS);
    CHECK(f.call("unlinkat", kAtFdcwd, f.put_string("/ro/other"), 0) == -EROFS);
    CHECK(f.call("unlinkat", kAtFdcwd, f.put_string("/ro/dir"), abi::at_removedir) == -ENOTEMPTY);
    CHECK(f.call("renameat2", kAtFdcwd, f.put_string("/ro/other"), kAtFdcwd, f.put_string("/tmp/x"), 0) == -EROFS);
    CHECK(f.call("renameat2", kAtFdcwd, f.put_string("/tmp"), kAtFdcwd, f.put_string("/ro/tmp"), 0) == -EROFS);
    CHECK(f.call("symlinkat", f.put_string("x"), kAtFdcwd, f.put_string("/ro/l")) == -EROFS);
    CHECK(f.call("linkat", kAtFdcwd, f.put_string("/ro/other"), kAtFdcwd, f.put_string("/ro/h"), 0) == -EROFS);
    CHECK(f.call("fchmodat", kAtFdcwd, f.put_string("/ro/other"), 0777) == -EROFS);
    CHECK(f.call("fchownat", kAtFdcwd, f.put_string("/ro/other"), 1, 1, 0) == -EROFS);
    CHECK(f.call("truncate", f.put_string("/ro/other"), 0) == -EROFS);
    CHECK(f.call("utimensat", kAtFdcwd, f.put_string("/ro/other"), 0, 0) == -EROFS);
    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("/ro/other"), abi::w_ok) == -EROFS);
    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("/ro/other"), abi::r_ok) == 0);
    // The host may still fill the tree.
    CHECK_FALSE(vfs_create_file(k, "/ro/dir/host", "h", 1, 0644).is_error());
    CHECK(open(f, "/ro/dir/host", abi::o_rdwr) == -EROFS);
}

TEST_CASE("vfs tar: ustar and GNU archives import files, directories, links and long names")
{
    KernelFixture f;
    TarBuilder tar;
    tar.add('5', "top/", "", "", false, "", 0750);
    tar.add('0', "top/hello.txt", "hello tar");
    tar.add('\0', "old-style", "v7 type");
    tar.add('0', "name.txt", "from prefix", "", false, "top/prefixed");
    tar.add('2', "top/sym", "", "hello.txt");
    tar.add('1', "top/hard", "", "top/hello.txt");
    std::string long_name = "top/" + std::string(150, 'L') + "/file";
    tar.gnu_long('L', long_name);
    tar.add('0', "truncated-name", "long one", "", true);
    std::string long_target = std::string(120, 'T');
    tar.gnu_long('K', long_target);
    tar.add('2', "top/longlink", "", "short", true);
    tar.add('3', "top/chardev"); // skipped
    tar.add('0', "./top/./dot", "dots");
    tar.add('0', "/abs/file", "absolute names stay inside");
    auto archive = tar.finish();
    auto& k = f.kernel();
    REQUIRE_FALSE(vfs_import_tar(k, archive.data(), archive.size(), "/import").is_error());

    CHECK(file_text(f, "/import/top/hello.txt") == "hello tar");
    CHECK(file_text(f, "/import/old-style") == "v7 type");
    CHECK(file_text(f, "/import/top/prefixed/name.txt") == "from prefix");
    CHECK(file_text(f, "/import/top/sym") == "hello tar");
    CHECK(file_text(f, ("/import/" + long_name).c_str()) == "long one");
    CHECK(file_text(f, "/import/top/dot") == "dots");
    CHECK(file_text(f, "/import/abs/file") == "absolute names stay inside");
    CHECK(statx(f, "/import/top").stx.mode == (abi::s_ifdir | 0750));
    CHECK(statx(f, "/import/top/hard").stx.ino == statx(f, "/import/top/hello.txt").stx.ino);
    CHECK(statx(f, "/import/top/hard").stx.nlink == 2);
    CHECK(stat_errno(f, "/import/top/chardev") == -ENOENT);
    char target[200];
    auto length = vfs_read_link(k, "/import/top/longlink", target, sizeof(target));
    REQUIRE_FALSE(length.is_error());
    CHECK(std::string(target, length.value()) == long_target);
}

TEST_CASE("vfs tar: exported changes import back to the same files and leave out unchanged ones")
{
    KernelFixture f;
    auto& k = f.kernel();
    const std::string long_name = "/data/made/" + std::string(150, 'n') + ".txt";
    REQUIRE_FALSE(vfs_create_file(k, "/data/old.txt", "old", 3, 0644).is_error());
    REQUIRE_FALSE(vfs_create_file(k, "/other/x.txt", "x", 1, 0644).is_error());
    vfs_clear_modified(k);
    REQUIRE_FALSE(vfs_create_file(k, "/data/new.txt", "new!", 4, 0600).is_error());
    REQUIRE_FALSE(vfs_create_file(k, long_name.c_str(), "long", 4, 0640).is_error());
    std::string big(70000, 'b'); // several blocks, not a multiple of 512
    REQUIRE_FALSE(vfs_create_file(k, "/other/big.bin", big.data(), big.size(), 0644).is_error());

    std::vector<uint8_t> archive;
    auto append = [](void* context, const void* data, size_t size) {
        auto* bytes = static_cast<const uint8_t*>(data);
        static_cast<std::vector<uint8_t>*>(context)->insert(static_cast<std::vector<uint8_t>*>(context)->end(), bytes, bytes + size);
    };
    const char* const directories[] = { "/data", "/other" };
    REQUIRE_FALSE(vfs_export_changes(k, directories, 2, append, &archive).is_error());
    CHECK(archive.size() % 512 == 0);
    REQUIRE(archive.size() >= 1024);
    CHECK(std::all_of(archive.end() - 1024, archive.end(), [](uint8_t byte) { return byte == 0; }));

    REQUIRE_FALSE(vfs_import_tar(k, archive.data(), archive.size(), "/copy").is_error());
    CHECK(file_text(f, "/copy/data/new.txt") == "new!");
    CHECK(file_text(f, ("/copy" + long_name).c_str()) == "long");
    std::string copied(big.size() + 1, '\0');
    auto got = vfs_read_file(k, "/copy/other/big.bin", 0, copied.data(), copied.size());
    REQUIRE_FALSE(got.is_error());
    CHECK(copied.substr(0, got.value()) == big);
    CHECK(file_text(f, "/copy/data/old.txt") == "<errno 2>");
    CHECK(file_text(f, "/copy/other/x.txt") == "<errno 2>");
    auto entries = walk(f, "/copy/data");
    REQUIRE(entries.size() == 3); // made, made/<long>, new.txt
    CHECK(entries[0].path == "made");
    CHECK(entries[0].kind == NodeKind::Directory);
    CHECK(entries[2].path == "new.txt");
    CHECK(entries[2].mode == 0600);

    const char* const missing[] = { "/nowhere" };
    CHECK(vfs_export_changes(k, missing, 1, append, &archive).error().code() == ENOENT);
}

TEST_CASE("vfs tar: hostile archives are refused without escaping or crashing")
{
    auto import = [](const std::vector<uint8_t>& archive) {
        KernelFixture f;
        auto result = vfs_import_tar(f.kernel(), archive.data(), archive.size(), "/in");
        bool escaped = stat_errno(f, "/evil") == 0 || stat_errno(f, "/tmp/evil") == 0;
        CHECK_FALSE(escaped);
        return result.is_error() ? result.error().code() : 0;
    };
    {
        TarBuilder tar;
        tar.add('0', "../evil", "x");
        CHECK(import(tar.finish()) == EINVAL);
    }
    {
        TarBuilder tar;
        tar.add('0', "a/../../evil", "x");
        CHECK(import(tar.finish()) == EINVAL);
    }
    {
        // A symlink to outside, then a file through it: never followed while placing entries.
        TarBuilder tar;
        tar.add('2', "out", "", "/tmp");
        tar.add('0', "out/evil", "x");
        CHECK(import(tar.finish()) == EINVAL);
    }
    {
        TarBuilder tar;
        tar.add('1', "hard", "", "../../etc/passwd");
        CHECK(import(tar.finish()) == EINVAL);
    }
    {
        TarBuilder tar;
        tar.add('0', "f", "data");
        auto archive = tar.finish();
        archive[148] ^= 1; // checksum
        CHECK(import(archive) == EINVAL);
        archive = tar.finish();
        archive[257] = 'x'; // magic
        CHECK(import(archive) == EINVAL);
        archive = tar.finish();
        std::memcpy(&archive[124], "77777777777", 11); // size past the end (checksum fixed below)
        std::memset(&archive[148], ' ', 8);
        unsigned sum = 0;
        for (int i = 0; i < 512; ++i)
            sum += archive[i];
        std::snprintf(reinterpret_cast<char*>(&archive[148]), 8, "%06o", sum);
        CHECK(import(archive) == EINVAL);
    }
    CHECK(import({}) == EINVAL);
    CHECK(import(std::vector<uint8_t>(1024, 0)) == 0); // an empty archive
}

TEST_CASE("vfs tar: every truncation and every corrupted byte is handled")
{
    TarBuilder tar;
    tar.add('5', "d/");
    tar.add('0', "d/file", std::string(700, 'z'));
    tar.gnu_long('L', "d/" + std::string(200, 'n'));
    tar.add('0', "x", "long", "", true);
    tar.add('2', "d/s", "", "file");
    size_t content_end = tar.size();
    auto archive = tar.finish();

    KernelFixture f;
    auto& k = f.kernel();
    for (size_t cut = 0; cut <= content_end; cut += 1) {
        std::vector<uint8_t> truncated(archive.begin(), archive.begin() + static_cast<long>(cut));
        auto result = vfs_import_tar(k, truncated.data(), truncated.size(), "/cut");
        REQUIRE(result.is_error());
        CHECK(result.error().code() == EINVAL);
    }
    for (size_t at = 0; at < content_end; ++at) {
        for (uint8_t value : { uint8_t(0), uint8_t(0xff), uint8_t('/'), uint8_t('.') }) {
            auto corrupt = archive;
            corrupt[at] = value;
            (void)vfs_import_tar(k, corrupt.data(), corrupt.size(), "/corrupt");
        }
    }
    REQUIRE_FALSE(vfs_import_tar(k, archive.data(), archive.size(), "/whole").is_error());
    CHECK(file_text(f, "/whole/d/file") == std::string(256, 'z'));
}
