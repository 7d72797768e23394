#include "logging.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

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
    std::shared_ptr<spdlog::logger> g_trace_logger;
} // namespace

const char* program_name() { return g_program_name; }
void set_program_name(const char* name) { g_program_name = name; }

void say(const std::string& line)
{
    std::string text = std::string(g_program_name) + ": " + line + "\n";
    std::fputs(text.c_str(), stderr);
}

std::string setup_trace_output(const std::string& file)
{
    // spdlog would create missing directories on the way to the file: a mistyped path must be an
    // error instead, so the file is opened here first, as any other output file would be.
    if (!file.empty()) {
        int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0)
            return "cannot open the trace file " + file + ": " + std::strerror(errno);
        close(fd);
    }
    try {
        spdlog::sink_ptr sink;
        if (file.empty())
            sink = std::make_shared<spdlog::sinks::stderr_sink_st>();
        else
            sink = std::make_shared<spdlog::sinks::basic_file_sink_st>(file, true);
        g_trace_logger = std::make_shared<spdlog::logger>("trace", sink);
    } catch (const spdlog::spdlog_ex& error) {
        return "cannot open the trace file " + file + ": " + error.what();
    }
    g_trace_logger->set_pattern("%v");
    g_trace_logger->set_level(spdlog::level::info);
    // Lines land in order with the guest's own output, and survive a crash of the run.
    g_trace_logger->flush_on(spdlog::level::info);
    return {};
}

void trace_line(const char* line)
{
    if (g_trace_logger)
        g_trace_logger->log(spdlog::level::info, spdlog::string_view_t(line)); // not a format string
}

} // namespace zeroos::tracer
