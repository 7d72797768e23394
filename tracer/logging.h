#pragma once

#include <optional>
#include <string>

namespace zeroos::tracer {

// The name user-facing lines start with ("zeroos-run: ..."); zeroos-replay sets its own.
const char* program_name();
void set_program_name(const char* name);
// Prints "PROGRAM: line" on stderr.
void say(const std::string& line);

// Sends spdlog's default logger to stderr. The level is `log_level` when given, otherwise warn
// lowered by one step per -v (info, debug, trace).
void setup_logging(int verbosity, const std::optional<std::string>& log_level);

// The --trace output: a logger of its own ("trace") writing bare lines to stderr, or to `file` when
// it is not empty. Returns an error message, or an empty string.
std::string setup_trace_output(const std::string& file);
// One --trace line; nothing happens before setup_trace_output.
void trace_line(const char* line);

} // namespace zeroos::tracer
