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

} // namespace zeroos::tracer
