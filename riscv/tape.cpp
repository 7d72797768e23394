// Reading the input tape (riscv/tape.h) at boot: where its strings, stdin and archives start.
#include "tape.h"

#include "boot.h"

namespace zeroos::riscv {

Tape read_tape(const u8* blob)
{
    Tape tape;
    if (!blob)
        return tape;
    auto* header = reinterpret_cast<const TapeHeader*>(blob);
    if (header->magic != kTapeMagic)
        return tape;
    u64 needed = sizeof(TapeHeader) + header->strings_size + header->stdin_size + header->root_archive_size + header->mounts_archive_size;
    if (needed != header->total_size)
        boot_failure("the input tape's sizes do not add up");
    tape.header = header;
    tape.strings = reinterpret_cast<const char*>(blob + sizeof(TapeHeader));
    tape.stdin_data = blob + sizeof(TapeHeader) + header->strings_size;
    tape.root_archive = tape.stdin_data + header->stdin_size;
    tape.mounts_archive = tape.root_archive + header->root_archive_size;
    return tape;
}

} // namespace zeroos::riscv
