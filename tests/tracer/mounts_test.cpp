#include "mounts.h"

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
