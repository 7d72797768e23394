#pragma once

#include "recording_format.h"

#include <optional>
#include <string>
#include <vector>

namespace zeroos::replay {

// A whole trace file, read and checked. Any damage — not a trace, another format version, a
// truncated or corrupted record, a record that makes no sense — is one line in error(); a trace
// whose run never ended has no ending() and says so through is_complete().
class RecordingReader {
public:
    // Returns "" or one line describing why the file is not a usable trace.
    std::string load(const std::string& path);
    std::string load_bytes(std::string_view bytes, const std::string& name);

    const Configuration& configuration() const { return configuration_; }
    // The initial file system, in the order it was imported.
    struct Archive {
        ArchiveKind kind;
        std::string bytes;
    };
    const std::vector<Archive>& archives() const { return archives_; }
    // Everything the guest read from stdin, in order.
    const std::string& stdin_bytes() const { return stdin_; }
    const std::vector<SyscallEntry>& syscalls() const { return syscalls_; }
    bool is_complete() const { return ending_.has_value(); }
    const std::optional<Ending>& ending() const { return ending_; }

private:
    std::string parse_record(std::uint8_t type, std::string_view payload);

    Configuration configuration_;
    bool have_configuration_ = false;
    std::vector<Archive> archives_;
    std::string stdin_;
    std::vector<SyscallEntry> syscalls_;
    std::optional<Ending> ending_;
};

} // namespace zeroos::replay
