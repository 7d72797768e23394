// zeroos-run: the command line. Everything else happens in run_session.
#include "exit_codes.h"
#include "logging.h"
#include "options.h"
#include "session.h"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    using namespace zeroos::tracer;
    ParsedCommandLine command_line;
    try {
        command_line = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const UsageError& error) {
        std::fprintf(stderr, "zeroos-run: %s\n", error.what());
        return exit_code::kUsage;
    }
    if (command_line.action != ParsedCommandLine::Action::Run) {
        std::fputs(command_line.text.c_str(), stdout);
        return 0;
    }
    try {
        setup_logging(command_line.options.verbosity, command_line.options.log_level);
        return run_session(command_line.options);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "zeroos-run: internal error: %s\n", error.what());
        return exit_code::kSoftware;
    }
}
