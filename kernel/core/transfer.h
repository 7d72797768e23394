#pragma once

#include "core/open_file.h"
#include "syscalls.h"

// Moving data between guest memory and open files: what read/write/readv/writev (always built,
// for the console) and the vfs feature's pread/pwrite/sendfile share.
namespace zeroos {

constexpr size_t kMaxTransfer = 0x7ffff000; // Linux's MAX_RW_COUNT

// The open file behind `fd` when it may be read (EBADF, EISDIR otherwise) or written (EBADF, EROFS).
ErrorOr<RefPtr<OpenFile>> readable_file(Kernel&, int fd);
ErrorOr<RefPtr<OpenFile>> writable_file(Kernel&, int fd);
// One transfer at the file position (advancing it) or, for pread/pwrite, at `explicit_offset` (>= 0).
ErrorOr<size_t> transfer(Kernel&, OpenFile&, bool writing, const IoBuffer&, size_t length, i64 explicit_offset);
// A pipe blocked the thread in the middle of a call that had already moved `done` bytes: the call
// returns their count instead of waiting, plus what the blocked piece moved (`piece`: a pipe write
// that filled the pipe). Having moved nothing, the call waits and runs again whole.
bool returns_short(Kernel&, size_t done, size_t& piece);
// The same over an iovec array, validated whole before any data moves.
ErrorOr<size_t> transfer_vector(Kernel&, OpenFile&, bool writing, UserPtr<abi::IoVec>, int count, i64 explicit_offset);

} // namespace zeroos
