// heap_sort: the kernel's one sort (vfs_walk's name order, for write-back and the changes archive).
#include "base/sort.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

using zeroos::heap_sort;

TEST_CASE("heap_sort orders empty, single, sorted, reversed, repeated and shuffled input")
{
    std::vector<std::vector<int>> inputs { {}, { 7 }, { 1, 2, 3, 4 }, { 9, 8, 7, 6, 5 }, { 3, 1, 3, 1, 2, 2 } };
    std::mt19937 generator(7);
    for (int size : { 2, 3, 17, 1000 }) {
        std::vector<int> shuffled(static_cast<size_t>(size));
        for (auto& value : shuffled)
            value = static_cast<int>(generator() % 100);
        inputs.push_back(shuffled);
    }
    for (auto input : inputs) {
        auto expected = input;
        std::sort(expected.begin(), expected.end());
        heap_sort(input.data(), input.size(), [](int a, int b) { return a < b; });
        CHECK(input == expected);
    }
}

TEST_CASE("heap_sort takes O(n log n) comparisons on input a directory of f0..fN has")
{
    // Creation order f0, f1, ... f9999 is far from name order (f0, f1, f10, f100...): the
    // insertion sort this replaced made about n^2/4 comparisons here.
    struct Name {
        char text[24]; // room for any size_t, so -Wformat-truncation has nothing to say
    };
    std::vector<Name> names(10000);
    for (size_t i = 0; i < names.size(); ++i)
        std::snprintf(names[i].text, sizeof names[i].text, "f%zu", i);
    size_t comparisons = 0;
    auto less = [](const Name& a, const Name& b) { return std::strcmp(a.text, b.text) < 0; };
    heap_sort(names.data(), names.size(), [&](const Name& a, const Name& b) {
        ++comparisons;
        return less(a, b);
    });
    CHECK(std::is_sorted(names.begin(), names.end(), less));
    CHECK(comparisons < 2 * 10000 * 14); // 2 n log2 n
}
