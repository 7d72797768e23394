#pragma once

#include "base/types.h"

namespace zeroos {

// The budget of in-memory file data (zeroos-run --fs-size). Every kernel page a file holds, its
// page-table pages included, is charged here; past the limit a write fails with ENOSPC, as on a
// full tmpfs. A limit of 0 leaves only the kernel heap as the bound (the RISC-V build, whose RAM
// is fixed at link time).
class FileSpace {
public:
    void set_limit_pages(u64 pages) { limit_pages_ = pages; }
    u64 limit_pages() const { return limit_pages_; }
    u64 used_pages() const { return used_pages_; }

    [[nodiscard]] bool charge(u64 pages)
    {
        if (limit_pages_ && pages > limit_pages_ - min(used_pages_, limit_pages_))
            return false;
        used_pages_ += pages;
        return true;
    }
    void release(u64 pages) { used_pages_ -= pages; }

private:
    u64 limit_pages_ = 0;
    u64 used_pages_ = 0;
};

} // namespace zeroos
