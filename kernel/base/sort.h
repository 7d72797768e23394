#pragma once

#include "base/types.h"

namespace zeroos {

// Sorts items[0..count) by `less` in O(n log n) with no allocation (heap sort; not stable, so
// `less` must order all items it is given). The kernel has no <algorithm>.
template<typename T, typename Less> void heap_sort(T* items, size_t count, Less less)
{
    auto swap = [&](size_t a, size_t b) {
        T held = static_cast<T&&>(items[a]);
        items[a] = static_cast<T&&>(items[b]);
        items[b] = static_cast<T&&>(held);
    };
    // Moves items[root] down until the heap of the first `size` items holds again.
    auto sift_down = [&](size_t root, size_t size) {
        for (size_t child; (child = 2 * root + 1) < size; root = child) {
            if (child + 1 < size && less(items[child], items[child + 1]))
                ++child;
            if (!less(items[root], items[child]))
                return;
            swap(root, child);
        }
    };
    for (size_t start = count / 2; start-- > 0;)
        sift_down(start, count);
    for (size_t end = count; end > 1; --end) {
        swap(0, end - 1);
        sift_down(0, end - 1);
    }
}

} // namespace zeroos
