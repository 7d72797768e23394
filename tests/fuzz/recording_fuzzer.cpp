// libFuzzer target: the record/replay trace reader with arbitrary files. A trace comes from disk and
// may be damaged or hostile: any crash, sanitizer report, leak or runaway allocation is a bug.
#include "recording_reader.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    zeroos::replay::RecordingReader reader;
    std::string problem = reader.load_bytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (problem.empty()) {
        // What a replay touches next: the inputs, the log and the ending.
        volatile size_t touched = reader.stdin_bytes().size() + reader.syscalls().size() + reader.archives().size();
        (void)touched;
        if (reader.is_complete())
            (void)reader.ending()->exit_status;
    }
    return 0;
}
