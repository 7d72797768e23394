#include "mounts.h"
#include "tape_archive.h"

#include <cstdio>
#include <map>

#include <catch2/catch.hpp>

using namespace zeroos::tracer;

TEST_CASE("write-back paths must stay inside the mount")
{
    CHECK(is_contained_relative_path("a"));
    CHECK(is_contained_relative_path("a/b/c.txt"));
    CHECK(is_contained_relative_path("..hidden/x"));
    for (const char* path : { "", "/etc/passwd", "..", "../x", "a/../../x", "a/./b", "a//b", "a/", "." })
        CHECK_FALSE(is_contained_relative_path(path));
}

namespace {

// One ustar header for `name` with the octal `size` field given as text, checksum filled in.
std::string tar_header(const std::string& name, const std::string& octal_size)
{
    std::string header(512, '\0');
    header.replace(0, name.size(), name);
    header.replace(100, 7, "0000644");
    header.replace(124, octal_size.size(), octal_size);
    header[156] = '0';
    header.replace(257, 6, std::string("ustar\0", 6));
    header.replace(263, 2, "00");
    header.replace(148, 8, "        ");
    unsigned sum = 0;
    for (unsigned char byte : header)
        sum += byte;
    char checksum[8];
    std::snprintf(checksum, sizeof checksum, "%06o", sum);
    header.replace(148, 7, std::string(checksum, 6) + '\0');
    return header;
}

} // namespace

TEST_CASE("a changes archive whose entry claims more bytes than it holds is refused before anything is allocated")
{
    // 077777777777 bytes is 8 GiB: allocating what the header says would be the vApp's choice.
    std::string archive = tar_header("data/big", "77777777777") + std::string(1024, '\0');
    std::vector<Mounts::ChangedEntry> changed;
    std::map<std::string, std::string> contents;
    CHECK(read_changes_archive(archive, changed, contents) == "/data/big: its size (8589934591 bytes) is more than the archive holds");
    CHECK(contents.empty());

    std::string fits = tar_header("data/small", "00000000005") + std::string("hello") + std::string(507 + 1024, '\0');
    changed.clear();
    CHECK(read_changes_archive(fits, changed, contents) == "");
    CHECK(contents["/data/small"] == "hello");
}
