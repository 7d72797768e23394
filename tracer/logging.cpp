#include "logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace zeroos::tracer {

void setup_logging(int verbosity, const std::optional<std::string>& log_level)
{
    // Not the colour sink: log lines are interleaved with the guest's own stderr.
    auto logger = spdlog::stderr_logger_st("zeroos-run");
    logger->set_pattern("zeroos-run: [%l] %v");
    spdlog::set_default_logger(logger);

    spdlog::level::level_enum level = spdlog::level::warn;
    if (log_level)
        level = spdlog::level::from_str(*log_level);
    else if (verbosity >= 3)
        level = spdlog::level::trace;
    else if (verbosity == 2)
        level = spdlog::level::debug;
    else if (verbosity == 1)
        level = spdlog::level::info;
    spdlog::set_level(level);
    // Warnings and errors come right before the process may die: never leave them buffered.
    spdlog::flush_on(spdlog::level::trace);
}

} // namespace zeroos::tracer
