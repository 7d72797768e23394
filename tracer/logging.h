#pragma once

#include <optional>
#include <string>

namespace zeroos::tracer {

// Sends spdlog's default logger to stderr. The level is `log_level` when given, otherwise warn
// lowered by one step per -v (info, debug, trace).
void setup_logging(int verbosity, const std::optional<std::string>& log_level);

} // namespace zeroos::tracer
