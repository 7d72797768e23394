#pragma once

#include "core/inode.h"

namespace zeroos {

// An open file description: what dup'ed descriptors share (the position and the status flags).
class OpenFile : public RefCounted<OpenFile> {
public:
    OpenFile(RefPtr<Inode> opened_inode, u32 open_flags)
        : inode(static_cast<RefPtr<Inode>&&>(opened_inode))
        , flags(open_flags)
    {
        inode->opened(*this);
    }
    ~OpenFile() { inode->closed(*this); }

    u32 access_mode() const { return flags & abi::o_accmode; }
    bool is_path_only() const { return flags & abi::o_path; }
    bool can_read() const { return !is_path_only() && (access_mode() == abi::o_rdonly || access_mode() == abi::o_rdwr); }
    bool can_write() const { return !is_path_only() && (access_mode() == abi::o_wronly || access_mode() == abi::o_rdwr); }

    RefPtr<Inode> inode;
    u32 flags; // access mode and status flags (O_APPEND, O_NONBLOCK, O_PATH...)
    u64 offset = 0; // file position; for a directory, the next getdents cookie
};

} // namespace zeroos
