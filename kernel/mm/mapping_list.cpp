#include "mm/mapping_list.h"

namespace zeroos {

size_t MappingList::first_ending_after(u64 address) const
{
    size_t low = 0, high = mappings_.size();
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (mappings_[middle].end <= address)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

const Mapping* MappingList::find(u64 address) const
{
    size_t i = first_ending_after(address);
    if (i < mappings_.size() && mappings_[i].start <= address)
        return &mappings_[i];
    return nullptr;
}

bool MappingList::covers(u64 start, u64 end) const
{
    u64 cursor = start;
    for (size_t i = first_ending_after(start); cursor < end; ++i) {
        if (i == mappings_.size() || mappings_[i].start > cursor)
            return false;
        cursor = mappings_[i].end;
    }
    return true;
}

bool MappingList::overlaps(u64 start, u64 end) const
{
    size_t i = first_ending_after(start);
    return i < mappings_.size() && mappings_[i].start < end;
}

void MappingList::merge_around(size_t index)
{
    if (index + 1 < mappings_.size() && mappings_[index].end == mappings_[index + 1].start
        && mappings_[index].prot == mappings_[index + 1].prot) {
        mappings_[index].end = mappings_[index + 1].end;
        mappings_.remove(index + 1);
    }
    if (index > 0 && mappings_[index - 1].end == mappings_[index].start && mappings_[index - 1].prot == mappings_[index].prot) {
        mappings_[index - 1].end = mappings_[index].end;
        mappings_.remove(index);
    }
}

ErrorOr<void> MappingList::add(u64 start, u64 end, u32 prot)
{
    size_t i = first_ending_after(start);
    if (!mappings_.insert(i, { start, end, prot }))
        return Error::from_errno(ENOMEM);
    merge_around(i);
    return {};
}

ErrorOr<void> MappingList::split_at(u64 address)
{
    size_t i = first_ending_after(address);
    if (i == mappings_.size() || mappings_[i].start >= address)
        return {};
    Mapping right = mappings_[i];
    right.start = address;
    if (!mappings_.insert(i + 1, right))
        return Error::from_errno(ENOMEM);
    mappings_[i].end = address;
    return {};
}

ErrorOr<void> MappingList::remove(u64 start, u64 end)
{
    // Room for both splits up front, so a failure changes nothing.
    if (!mappings_.reserve(mappings_.size() + 2))
        return Error::from_errno(ENOMEM);
    TRY(split_at(start));
    TRY(split_at(end));
    size_t i = first_ending_after(start);
    while (i < mappings_.size() && mappings_[i].start < end)
        mappings_.remove(i);
    return {};
}

ErrorOr<void> MappingList::protect(u64 start, u64 end, u32 prot)
{
    if (!covers(start, end))
        return Error::from_errno(ENOMEM);
    if (!mappings_.reserve(mappings_.size() + 2))
        return Error::from_errno(ENOMEM);
    TRY(split_at(start));
    TRY(split_at(end));
    size_t i = first_ending_after(start);
    size_t first = i;
    for (; i < mappings_.size() && mappings_[i].start < end; ++i)
        mappings_[i].prot = prot;
    // Re-merge from the last touched mapping down to the one before the first.
    for (size_t j = i; j-- > first;)
        merge_around(j);
    return {};
}

} // namespace zeroos
