#pragma once

// Linux errno values. x86-64 and riscv64 share the asm-generic numbering.

// The host headers define the same names with the same values (both are the Linux ABI), so
// these are guarded macros rather than an enum the host macros would mangle.
#ifndef EPERM
#define EPERM 1
#endif
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef ESRCH
#define ESRCH 3
#endif
#ifndef EINTR
#define EINTR 4
#endif
#ifndef EIO
#define EIO 5
#endif
#ifndef ENXIO
#define ENXIO 6
#endif
#ifndef E2BIG
#define E2BIG 7
#endif
#ifndef ENOEXEC
#define ENOEXEC 8
#endif
#ifndef EBADF
#define EBADF 9
#endif
#ifndef ECHILD
#define ECHILD 10
#endif
#ifndef EAGAIN
#define EAGAIN 11
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EACCES
#define EACCES 13
#endif
#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef ENOTBLK
#define ENOTBLK 15
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef EXDEV
#define EXDEV 18
#endif
#ifndef ENODEV
#define ENODEV 19
#endif
#ifndef ENOTDIR
#define ENOTDIR 20
#endif
#ifndef EISDIR
#define EISDIR 21
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENFILE
#define ENFILE 23
#endif
#ifndef EMFILE
#define EMFILE 24
#endif
#ifndef ENOTTY
#define ENOTTY 25
#endif
#ifndef ETXTBSY
#define ETXTBSY 26
#endif
#ifndef EFBIG
#define EFBIG 27
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif
#ifndef ESPIPE
#define ESPIPE 29
#endif
#ifndef EROFS
#define EROFS 30
#endif
#ifndef EMLINK
#define EMLINK 31
#endif
#ifndef EPIPE
#define EPIPE 32
#endif
#ifndef EDOM
#define EDOM 33
#endif
#ifndef ERANGE
#define ERANGE 34
#endif
#ifndef EDEADLK
#define EDEADLK 35
#endif
#ifndef ENAMETOOLONG
#define ENAMETOOLONG 36
#endif
#ifndef ENOLCK
#define ENOLCK 37
#endif
#ifndef ENOSYS
#define ENOSYS 38
#endif
#ifndef ENOTEMPTY
#define ENOTEMPTY 39
#endif
#ifndef ELOOP
#define ELOOP 40
#endif
#ifndef ENOMSG
#define ENOMSG 42
#endif
#ifndef EIDRM
#define EIDRM 43
#endif
#ifndef ENODATA
#define ENODATA 61
#endif
#ifndef ETIME
#define ETIME 62
#endif
#ifndef EOVERFLOW
#define EOVERFLOW 75
#endif
#ifndef EBADFD
#define EBADFD 77
#endif
#ifndef EILSEQ
#define EILSEQ 84
#endif
#ifndef ENOTSOCK
#define ENOTSOCK 88
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#ifndef EAFNOSUPPORT
#define EAFNOSUPPORT 97
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 110
#endif
#ifndef ECANCELED
#define ECANCELED 125
#endif
#ifndef EOWNERDEAD
#define EOWNERDEAD 130
#endif
#ifndef ENOTRECOVERABLE
#define ENOTRECOVERABLE 131
#endif

namespace zeroos {

#define ZEROOS_ERRNO_LIST(X)                                                                                                               \
    X(EPERM, 1)                                                                                                                            \
    X(ENOENT, 2)                                                                                                                           \
    X(ESRCH, 3)                                                                                                                            \
    X(EINTR, 4)                                                                                                                            \
    X(EIO, 5)                                                                                                                              \
    X(ENXIO, 6)                                                                                                                            \
    X(E2BIG, 7)                                                                                                                            \
    X(ENOEXEC, 8)                                                                                                                          \
    X(EBADF, 9)                                                                                                                            \
    X(ECHILD, 10)                                                                                                                          \
    X(EAGAIN, 11)                                                                                                                          \
    X(ENOMEM, 12)                                                                                                                          \
    X(EACCES, 13)                                                                                                                          \
    X(EFAULT, 14)                                                                                                                          \
    X(ENOTBLK, 15)                                                                                                                         \
    X(EBUSY, 16)                                                                                                                           \
    X(EEXIST, 17)                                                                                                                          \
    X(EXDEV, 18)                                                                                                                           \
    X(ENODEV, 19)                                                                                                                          \
    X(ENOTDIR, 20)                                                                                                                         \
    X(EISDIR, 21)                                                                                                                          \
    X(EINVAL, 22)                                                                                                                          \
    X(ENFILE, 23)                                                                                                                          \
    X(EMFILE, 24)                                                                                                                          \
    X(ENOTTY, 25)                                                                                                                          \
    X(ETXTBSY, 26)                                                                                                                         \
    X(EFBIG, 27)                                                                                                                           \
    X(ENOSPC, 28)                                                                                                                          \
    X(ESPIPE, 29)                                                                                                                          \
    X(EROFS, 30)                                                                                                                           \
    X(EMLINK, 31)                                                                                                                          \
    X(EPIPE, 32)                                                                                                                           \
    X(EDOM, 33)                                                                                                                            \
    X(ERANGE, 34)                                                                                                                          \
    X(EDEADLK, 35)                                                                                                                         \
    X(ENAMETOOLONG, 36)                                                                                                                    \
    X(ENOLCK, 37)                                                                                                                          \
    X(ENOSYS, 38)                                                                                                                          \
    X(ENOTEMPTY, 39)                                                                                                                       \
    X(ELOOP, 40)                                                                                                                           \
    X(ENOMSG, 42)                                                                                                                          \
    X(EIDRM, 43)                                                                                                                           \
    X(ENODATA, 61)                                                                                                                         \
    X(ETIME, 62)                                                                                                                           \
    X(EOVERFLOW, 75)                                                                                                                       \
    X(EBADFD, 77)                                                                                                                          \
    X(EILSEQ, 84)                                                                                                                          \
    X(ENOTSOCK, 88)                                                                                                                        \
    X(EOPNOTSUPP, 95)                                                                                                                      \
    X(EAFNOSUPPORT, 97)                                                                                                                    \
    X(ETIMEDOUT, 110)                                                                                                                      \
    X(ECANCELED, 125)                                                                                                                      \
    X(EOWNERDEAD, 130)                                                                                                                     \
    X(ENOTRECOVERABLE, 131)

// "ENOENT" for 2; nullptr for a value not in the list.
const char* errno_name(int value);

} // namespace zeroos
