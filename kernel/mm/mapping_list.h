#pragma once

#include "base/result.h"
#include "base/vector.h"

namespace zeroos {

// One run of guest pages with the same recorded protection.
struct Mapping {
    u64 start;
    u64 end; // exclusive, page-aligned
    u32 prot; // PROT_* as the guest last set it (recorded, not enforced)
};

// The guest's mappings inside the arena, sorted and disjoint, kept on the kernel heap. Adjacent
// mappings with the same protection are merged, as Linux merges compatible anonymous VMAs.
class MappingList {
public:
    // Adds [start, end), which must not overlap an existing mapping.
    ErrorOr<void> add(u64 start, u64 end, u32 prot);
    // Removes whatever is mapped in [start, end), splitting mappings at the edges.
    ErrorOr<void> remove(u64 start, u64 end);
    // Records `prot` for [start, end), which must be wholly mapped (ENOMEM otherwise).
    ErrorOr<void> protect(u64 start, u64 end, u32 prot);

    // Whether every byte of [start, end) is mapped; whether any byte is.
    bool covers(u64 start, u64 end) const;
    bool overlaps(u64 start, u64 end) const;
    // The mapping containing `address`, or nullptr.
    const Mapping* find(u64 address) const;

    size_t count() const { return mappings_.size(); }
    const Mapping& operator[](size_t index) const { return mappings_[index]; }

private:
    size_t first_ending_after(u64 address) const;
    // Makes `address` a mapping boundary (splits the mapping containing it).
    ErrorOr<void> split_at(u64 address);
    void merge_around(size_t index);

    Vector<Mapping> mappings_;
};

} // namespace zeroos
