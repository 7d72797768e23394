#pragma once

// Running a program to completion with its stdin fed and its stdout/stderr captured.

#include <string>
#include <vector>

struct RunResult {
    std::string out;
    std::string err;
    int status = -1; // the exit code, or 128 + signal when killed by one
};

// Runs argv[0] (a path) with an empty environment unless `environment` is given.
RunResult run_program(
    const std::vector<std::string>& argv, const std::string& input = "", const std::vector<std::string>& environment = {});

// zeroos-run with these arguments (options, program, program arguments).
RunResult run_zeroos(const std::vector<std::string>& arguments, const std::string& input = "");

std::string example_path(const std::string& name); // build/examples/NAME
std::string guest_path(const std::string& name); // build/tests/guests/NAME
// The host build of a guest or example for one C library: NAME (musl) or NAME-glibc.
std::string host_build(const std::string& name, const std::string& libc);

// A fresh empty directory under the system temp dir, removed with everything in it on destruction.
class TemporaryDirectory {
public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::string read_host_file(const std::string& path);
void write_host_file(const std::string& path, const std::string& contents);
