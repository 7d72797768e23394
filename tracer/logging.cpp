#include "logging.h"

#include <cstdio>

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

namespace {
    const char* g_program_name = "zeroos-run";
}

const char* program_name() { return g_program_name; }
void set_program_name(const char* name) { g_program_name = name; }

void say(const std::string& line)
{
    std::string text = std::string(g_program_name) + ": " + line + "\n";
    std::fputs(text.c_str(), stderr);
}

} // namespace zeroos::tracer
