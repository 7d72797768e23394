#include "vfs/host_api.h"

// Placeholders until the in-memory file system lands; each fails loudly.
namespace zeroos {

ErrorOr<void> vfs_make_directories(Kernel&, const char*) { return Error::unsupported("vfs_make_directories"); }
ErrorOr<void> vfs_create_file(Kernel&, const char*, const void*, size_t, u32) { return Error::unsupported("vfs_create_file"); }
ErrorOr<void> vfs_create_symlink(Kernel&, const char*, const char*) { return Error::unsupported("vfs_create_symlink"); }
ErrorOr<void> vfs_mark_read_only(Kernel&, const char*) { return Error::unsupported("vfs_mark_read_only"); }
ErrorOr<void> vfs_import_tar(Kernel&, const void*, size_t, const char*) { return Error::unsupported("vfs_import_tar"); }
void vfs_clear_modified(Kernel&) { }
ErrorOr<void> vfs_walk(Kernel&, const char*, TreeVisitor, void*) { return Error::unsupported("vfs_walk"); }
ErrorOr<size_t> vfs_read_file(Kernel&, const char*, u64, void*, size_t) { return Error::unsupported("vfs_read_file"); }
ErrorOr<size_t> vfs_read_link(Kernel&, const char*, char*, size_t) { return Error::unsupported("vfs_read_link"); }

} // namespace zeroos
