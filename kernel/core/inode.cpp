#include "core/inode.h"

#include "kernel.h"

// What every file needs, the console included: built whatever the features (the rest of the
// inode code is the vfs feature's).
namespace zeroos {

ErrorOr<size_t> Inode::read(Kernel&, OpenFile&, u64, const IoBuffer&, size_t) { return Error::from_errno(EINVAL); }
ErrorOr<size_t> Inode::write(Kernel&, OpenFile&, u64, const IoBuffer&, size_t) { return Error::from_errno(EINVAL); }

void stamp_inode(Kernel& kernel, Inode& inode, u32 mode)
{
    inode.ino = kernel.next_inode_number();
    inode.mode = mode;
    inode.atime_ns = inode.mtime_ns = inode.ctime_ns = kernel.clock().realtime_ns();
    inode.modified = true;
}

} // namespace zeroos
