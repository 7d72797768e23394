#pragma once

#include "tape.h"

// The guest's file system on bare metal (riscv/file_import.cpp): filled from the tape at boot, and
// what changed under the :rw mounts sent back to the host at exit.
namespace zeroos::riscv {

// Unpacks --rootfs and the --mount trees from the tape, marks the read-only mounts and remembers
// the :rw ones. Needs the kernel booted (g_kernel).
void import_file_system(const Tape& tape);

// At the end of the run: sends the changes under the :rw mounts to the host on kChangesStream
// (nothing when there is no :rw mount).
void export_read_write_changes();

} // namespace zeroos::riscv
