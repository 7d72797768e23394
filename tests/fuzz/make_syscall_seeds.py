#!/usr/bin/env python3
"""Writes the hand-made seeds of tests/fuzz/corpus/syscall (the input format is described at the
top of syscall_fuzzer.cpp). Run it from the repository root after changing that format."""
import re
import struct

names = [m.group(1) for m in re.finditer(r"^SYSCALL\(\d+, (\w+),", open("kernel/syscalls.def").read(), re.M)]
index = {name: i for i, name in enumerate(names)}
strings = ["/", "/tmp", "/tmp/a", "/tmp/b/c", "/dev/null", "/dev/zero", "/dev/urandom", "/proc/self/exe",
           "a", ".", "..", "../../..", "", "/tmp/a/", "//tmp//./a", "/proc/self/fd/0"]


def small(v): return bytes([0, v & 0xFF])
def full(v): return bytes([2]) + struct.pack("<Q", v & (2**64 - 1))
def data(offset): return bytes([3]) + struct.pack("<H", offset)
def string(name): return bytes([9, strings.index(name)])
def previous(): return bytes([14])
def cwd(): return bytes([11])


def call(name, *args, payload=b""):
    args = list(args) + [small(0)] * (6 - len(args))
    return bytes([index[name]]) + b"".join(args) + bytes([len(payload)]) + payload


def x86(number, *args, x32=False, payload=b""):
    args = list(args) + [small(0)] * (6 - len(args))
    return bytes([0x80 | (0x40 if x32 else 0)]) + struct.pack("<H", number) + b"".join(args) + bytes([len(payload)]) + payload


seeds = {
    "files": b"\x01" + call("openat", cwd(), string("/tmp/a"), full(0o102), full(0o644))
    + call("write", previous(), data(0), small(16), payload=b"0123456789abcdef") + call("lseek", small(3), small(0), small(0))
    + call("read", small(3), data(100), small(16)) + call("fstat", small(3), data(200)) + call("getdents64", small(3), data(0), full(4096)),
    "dirs": b"\x01" + call("mkdirat", cwd(), string("/tmp/a"), full(0o755)) + call("openat", cwd(), string("/tmp/a"), full(0o200000))
    + call("getdents64", previous(), data(0), full(512)) + call("symlinkat", string(".."), cwd(), string("/tmp/b/c"))
    + call("renameat", cwd(), string("/tmp/a"), cwd(), string("/tmp/b/c")) + call("unlinkat", cwd(), string("/tmp/a"), full(0x200)),
    "memory": b"\x00" + call("mmap", small(0), full(8192), small(3), small(0x22), small(-1), small(0))
    + call("mprotect", previous(), full(4096), small(1)) + call("munmap", previous(), full(4096)) + call("brk", small(0))
    + call("mremap", previous(), full(4096), full(16384), small(1), small(0)),
    "pipes": b"\x01" + call("pipe2", data(0), small(0)) + call("write", small(4), data(16), small(8), payload=b"x" * 24)
    + call("ppoll", data(0), small(2), small(0), small(0), small(8)) + call("read", small(3), data(64), small(8))
    + call("dup3", small(3), small(9), small(0)) + call("close", small(9)),
    "x86": b"\x01" + x86(2, string("/dev/zero"), small(0)) + x86(0, previous(), data(0), full(64)) + x86(39)
    + x86(1, small(1), data(0), small(5), payload=b"hello") + x86(599) + x86(1, small(1), data(0), small(1), x32=True)
    + x86(158, full(0x1002), data(0)),
    "time": b"\x01" + call("clock_gettime", small(1), data(0)) + call("nanosleep", data(0), data(32), payload=struct.pack("<qq", 0, 1000))
    + call("getrandom", data(0), full(256), small(0)) + call("uname", data(0)) + call("sysinfo", data(0))
    + call("prlimit64", small(0), small(7), small(0), data(0)),
}
for name, seed in seeds.items():
    open("tests/fuzz/corpus/syscall/" + name, "wb").write(seed)
