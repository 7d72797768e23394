#pragma once

#include "base/result.h"
#include "base/vector.h"
#include "core/open_file.h"

namespace zeroos {

class Kernel;

// The process's file descriptors: each slot holds a shared open file description and the
// descriptor's own close-on-exec flag.
class FdTable {
public:
    FdTable() = default;
    FdTable(const FdTable&) = delete;
    FdTable& operator=(const FdTable&) = delete;
    // Out of line so code built with RTTI (unit tests under UBSan) never inlines the file teardown.
    ~FdTable();

    // Opens the console as fds 0 (read), 1 and 2 (write).
    ErrorOr<void> init(Kernel&, u32 max_fds);

    // EBADF for a closed or out-of-range fd.
    ErrorOr<RefPtr<OpenFile>> get(int fd) const;
    // The lowest free fd at or above `minimum`: EMFILE when none is below the limit.
    ErrorOr<int> allocate(RefPtr<OpenFile>, bool cloexec, int minimum = 0);
    // Puts `file` at `fd`, closing what was there (dup3).
    ErrorOr<void> install(int fd, RefPtr<OpenFile>, bool cloexec);
    ErrorOr<void> close(int fd);
    ErrorOr<bool> cloexec(int fd) const;
    ErrorOr<void> set_cloexec(int fd, bool);
    u32 max_fds() const { return max_fds_; }
    // One past the highest open fd.
    int end() const { return static_cast<int>(slots_.size()); }

private:
    struct Slot {
        RefPtr<OpenFile> file;
        bool cloexec = false;
    };
    Vector<Slot> slots_;
    u32 max_fds_ = 0;
};

} // namespace zeroos
