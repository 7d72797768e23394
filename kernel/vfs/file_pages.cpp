#include "vfs/file_pages.h"

#include "base/memory.h"

namespace zeroos {

void* FilePages::allocate_page()
{
    if (!space_->charge(1))
        return nullptr;
    void* page = kmalloc(kPageSize);
    if (!page) {
        space_->release(1);
        return nullptr;
    }
    mem_set(page, 0, kPageSize);
    return page;
}

void FilePages::free_page(void* page)
{
    kfree(page);
    space_->release(1);
}

u8* FilePages::find(u64 index) const
{
    u64 top_index = index / (kFanOut * kFanOut);
    if (top_index >= top_.size() || !top_[top_index])
        return nullptr;
    Leaf* leaf = (*top_[top_index])[(index / kFanOut) % kFanOut];
    return leaf ? (*leaf)[index % kFanOut] : nullptr;
}

ErrorOr<u8*> FilePages::find_or_allocate(u64 index)
{
    u64 top_index = index / (kFanOut * kFanOut);
    if (top_index >= top_.size()) {
        if (!top_.reserve(top_index + 1))
            return Error::from_errno(ENOSPC);
        while (top_.size() <= top_index)
            (void)top_.push_back(nullptr); // reserved above: cannot fail
    }
    Middle*& middle = top_[top_index];
    if (!middle && !(middle = static_cast<Middle*>(allocate_page())))
        return Error::from_errno(ENOSPC);
    Leaf*& leaf = (*middle)[(index / kFanOut) % kFanOut];
    if (!leaf && !(leaf = static_cast<Leaf*>(allocate_page())))
        return Error::from_errno(ENOSPC);
    u8*& page = (*leaf)[index % kFanOut];
    if (!page) {
        if (!(page = static_cast<u8*>(allocate_page())))
            return Error::from_errno(ENOSPC);
        ++data_pages_;
    }
    return page;
}

void FilePages::free_from(u64 first_index)
{
    constexpr u64 kMiddleSpan = kFanOut * kFanOut;
    for (u64 top_index = first_index / kMiddleSpan; top_index < top_.size(); ++top_index) {
        Middle* middle = top_[top_index];
        if (!middle)
            continue;
        u64 middle_base = top_index * kMiddleSpan;
        bool keep_middle = false;
        for (u64 leaf_index = 0; leaf_index < kFanOut; ++leaf_index) {
            Leaf* leaf = (*middle)[leaf_index];
            if (!leaf)
                continue;
            u64 leaf_base = middle_base + leaf_index * kFanOut;
            if (leaf_base + kFanOut <= first_index) {
                keep_middle = true; // wholly below the cut
                continue;
            }
            bool keep_leaf = false;
            for (u64 slot = 0; slot < kFanOut; ++slot) {
                u8*& page = (*leaf)[slot];
                if (!page)
                    continue;
                if (leaf_base + slot < first_index) {
                    keep_leaf = true;
                    continue;
                }
                free_page(page);
                page = nullptr;
                --data_pages_;
            }
            if (keep_leaf) {
                keep_middle = true;
            } else {
                free_page(leaf);
                (*middle)[leaf_index] = nullptr;
            }
        }
        if (!keep_middle) {
            free_page(middle);
            top_[top_index] = nullptr;
        }
    }
    // Drop the top entries past the last kept middle node (shrinking never allocates).
    size_t kept = top_.size();
    while (kept && !top_[kept - 1])
        --kept;
    (void)top_.resize(kept);
}

} // namespace zeroos
