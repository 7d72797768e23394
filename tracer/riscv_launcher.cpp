#include "riscv_launcher.h"

#include "exit_codes.h"
#include "host_io.h"
#include "journal.h"
#include "logging.h"
#include "mounts.h"
#include "riscv/port.h"
#include "riscv/tape.h"
#include "signals.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <gelf.h>
#include <iterator>
#include <libelf.h>
#include <optional>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr int kLaunchFailure = 2;
using zeroos::riscv::TapeHeader;

int fail(const std::string& message)
{
    std::fprintf(stderr, "zeroos-run: %s\n", message.c_str());
    return kLaunchFailure;
}

// The value of a symbol in the ELF's symbol table.
std::optional<uint64_t> symbol_value(const std::string& path, const char* name)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return std::nullopt;
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    std::optional<uint64_t> value;
    Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
    for (Elf_Scn* section = nullptr; elf && !value && (section = elf_nextscn(elf, section));) {
        GElf_Shdr header;
        if (!gelf_getshdr(section, &header) || header.sh_type != SHT_SYMTAB || header.sh_entsize == 0)
            continue;
        Elf_Data* data = elf_getdata(section, nullptr);
        for (size_t i = 0; data && i < header.sh_size / header.sh_entsize; ++i) {
            GElf_Sym symbol;
            if (!gelf_getsym(data, static_cast<int>(i), &symbol))
                continue;
            const char* symbol_name = elf_strptr(elf, header.sh_link, symbol.st_name);
            if (symbol_name && std::strcmp(symbol_name, name) == 0) {
                value = symbol.st_value;
                break;
            }
        }
    }
    if (elf)
        elf_end(elf);
    close(fd);
    return value;
}

// A regular file on stdin cannot block and has an end: it goes on the tape whole (streaming it over
// the UART would be far slower). nullopt for anything else (a pipe, a terminal), which is streamed.
std::optional<std::string> stdin_file()
{
    struct stat status;
    if (fstat(0, &status) != 0 || !S_ISREG(status.st_mode))
        return std::nullopt;
    std::string data;
    char buffer[65536];
    for (long count; (count = zeroos::tracer::read_host_stdin(buffer, sizeof buffer)) > 0;)
        data.append(buffer, static_cast<size_t>(count));
    return data;
}

// `fd` moved above 0-2 if it landed there (zeroos-run started with stdin, stdout or stderr closed),
// so stdin stays what the guest reads and qemu's redirections do not clobber each other.
int above_standard_fds(int fd)
{
    if (fd > 2)
        return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    close(fd);
    return moved;
}

// With `input` (a replay's, or a file's) stdin goes on the tape whole; without, it is streamed.
std::string build_tape(const RiscvRun& run, const std::optional<std::string>& input, const std::string& archive)
{
    std::string strings;
    for (const auto& argument : run.arguments)
        strings.append(argument).push_back('\0');
    for (const auto& variable : run.environment)
        strings.append(variable).push_back('\0');
    for (const auto& directory : run.read_only_directories)
        strings.append(directory).push_back('\0');
    uint64_t read_write_count = 0;
    for (const auto& mount : run.mounts)
        if (mount.writable) {
            strings.append(mount.guest_directory).push_back('\0');
            ++read_write_count;
        }
    TapeHeader header {};
    header.magic = zeroos::riscv::kTapeMagic;
    header.seed = run.seed;
    header.epoch_seconds = run.epoch_seconds;
    header.flags = (run.unsupported_returns_enosys ? zeroos::riscv::kTapeUnsupportedEnosys : 0)
        | (run.trace ? zeroos::riscv::kTapeTrace : 0) | (run.print_statistics ? zeroos::riscv::kTapeStatistics : 0)
        | (input ? 0 : zeroos::riscv::kTapeStdinStreamed);
    std::memcpy(header.trace_selection, run.trace_selection, sizeof(header.trace_selection));
    header.argc = run.arguments.size();
    header.envc = run.environment.size();
    header.strings_size = strings.size();
    header.read_only_count = run.read_only_directories.size();
    header.read_write_count = read_write_count;
    header.stdin_size = input ? input->size() : 0;
    header.root_archive_size = archive.size();
    header.mounts_archive_size = run.mounts_archive.size();
    header.max_fds = run.max_fds;
    header.max_threads = run.max_threads;
    header.file_space_bytes = run.file_space_bytes;
    header.total_size = sizeof header + strings.size() + header.stdin_size + archive.size() + run.mounts_archive.size();
    std::string tape(reinterpret_cast<const char*>(&header), sizeof header);
    return tape + strings + input.value_or("") + archive + run.mounts_archive;
}

// Splits the UART byte stream back into stdout and stderr: [stream][length][bytes]...
class ConsoleDemultiplexer {
public:
    void feed(const char* data, size_t length)
    {
        for (size_t i = 0; i < length;) {
            if (remaining_ == 0) {
                if (!have_stream_) {
                    stream_ = static_cast<unsigned char>(data[i++]);
                    have_stream_ = true;
                } else {
                    remaining_ = static_cast<unsigned char>(data[i++]);
                    have_stream_ = false;
                }
                continue;
            }
            size_t chunk = std::min(remaining_, length - i);
            if (stream_ == zeroos::riscv::kStatisticsStream) {
                statistics_.append(data + i, chunk);
            } else if (stream_ == zeroos::riscv::kTraceStream) {
                take_trace(data + i, chunk);
            } else if (stream_ == zeroos::riscv::kStatisticsTableStream) {
                statistics_table_.append(data + i, chunk);
            } else if (stream_ == zeroos::riscv::kChangesStream) {
                changes_.append(data + i, chunk);
            } else if (stream_ == zeroos::riscv::kStdinRequestStream) {
                stdin_request_.append(data + i, chunk);
            } else {
                int stream = stream_ == 2 ? 2 : 1;
                zeroos::replay::Journal::instance().output(stream, data + i, chunk);
                zeroos::tracer::write_fully(stream, data + i, chunk);
            }
            remaining_ -= chunk;
            i += chunk;
        }
    }

    // Instructions retired by the whole run, if the kernel reported them.
    std::optional<uint64_t> instructions_retired() const
    {
        if (statistics_.size() != 8)
            return std::nullopt;
        uint64_t count = 0;
        for (int i = 7; i >= 0; --i)
            count = (count << 8) | static_cast<unsigned char>(statistics_[static_cast<size_t>(i)]);
        return count;
    }

    // The byte count of a streamed-stdin request the vApp has sent whole (once), or -1.
    int64_t take_stdin_request()
    {
        if (stdin_request_.size() < 4)
            return -1;
        uint32_t wanted = 0;
        for (int i = 3; i >= 0; --i)
            wanted = (wanted << 8) | static_cast<unsigned char>(stdin_request_[static_cast<size_t>(i)]);
        stdin_request_.erase(0, 4);
        return wanted;
    }

    // The --stats table the kernel wrote when the run ended.
    const std::string& statistics_table() const { return statistics_table_; }
    // The archive of changes under :rw mounts the kernel sent when the run ended.
    const std::string& changes() const { return changes_; }

private:
    // Trace lines may arrive split over several frames: each goes out whole.
    void take_trace(const char* data, size_t length)
    {
        trace_.append(data, length);
        size_t end;
        while ((end = trace_.find('\n')) != std::string::npos) {
            zeroos::tracer::trace_line(trace_.substr(0, end).c_str());
            trace_.erase(0, end + 1);
        }
    }

    std::string statistics_;
    std::string changes_;
    std::string statistics_table_;
    std::string trace_;
    std::string stdin_request_;
    int stream_ = 1;
    bool have_stream_ = false;
    size_t remaining_ = 0;
};

// Answers a streamed-stdin request (riscv/port.h): one read of the host's stdin, through the
// journal (a replay serves the recorded bytes, a recording keeps what the vApp got), written to
// the vApp's console input as [count or -errno, int32 little-endian][bytes].
void answer_stdin_request(uint32_t wanted, int console_input)
{
    wanted = std::min(wanted, zeroos::riscv::kStdinRequestMax);
    std::string reply(4 + wanted, '\0');
    long count = zeroos::replay::Journal::instance().read_stdin(reply.data() + 4, wanted, zeroos::tracer::read_host_stdin);
    auto answer = static_cast<uint32_t>(static_cast<int32_t>(count));
    for (int i = 0; i < 4; ++i)
        reply[static_cast<size_t>(i)] = static_cast<char>(answer >> (8 * i));
    zeroos::tracer::write_fully(console_input, reply.data(), 4 + static_cast<size_t>(std::max(count, 0l)));
}

// Writes what the vApp changed under its :rw mounts back to the host, if it sent a whole archive.
void write_back_changes(const RiscvRun& run, const std::string& archive)
{
    // vfs_export_changes closes the archive with two zero blocks; without them the run ended (or
    // failed) while sending, and a partial write-back would lose data silently.
    static const std::string kEnd(1024, '\0');
    if (archive.size() < kEnd.size() || archive.size() % 512 != 0
        || archive.compare(archive.size() - kEnd.size(), kEnd.size(), kEnd) != 0) {
        zeroos::tracer::say("the vApp did not send its :rw changes whole: nothing was written back");
        return;
    }
    zeroos::tracer::Mounts(run.mounts).write_back_archive(archive);
}

// The exit status of a run ended by --timeout or by SIGINT/SIGTERM/SIGHUP, else 0.
int stopped_status()
{
    if (zeroos::tracer::timed_out()) {
        zeroos::tracer::say("guest stopped: --timeout ran out");
        return zeroos::tracer::exit_code::kTimeout;
    }
    if (int signal = zeroos::tracer::interrupting_signal())
        return zeroos::tracer::exit_code::kSignalBase + signal;
    return 0;
}

} // namespace

int run_riscv_vapp(const RiscvRun& run)
{
    auto free_start = symbol_value(run.program, "__free_start");
    auto ram_size = symbol_value(run.program, "__zeroos_ram_size");
    if (!free_start || !ram_size)
        return fail(run.program + " is a RISC-V ELF but not a ZeroOS vApp (link it with zeroos-cc)");

    std::string archive = run.root_archive.value_or("");
    if (!run.root_archive && !run.rootfs.empty())
        if (std::string problem = zeroos::tracer::read_rootfs_archive(run.rootfs, archive); !problem.empty())
            return fail(problem);
    zeroos::tracer::arm_timeout(run.timeout_seconds);
    std::string tape = build_tape(run, run.input ? run.input : stdin_file(), archive);
    if (int stopped = stopped_status(); stopped != 0)
        return stopped;
    if (*free_start + tape.size() + (1u << 20) > 0x80000000ull + *ram_size)
        return fail("the input (" + std::to_string(tape.size()) + " bytes) does not fit in the vApp's RAM: relink with zeroos-cc --memory");

    char tape_path[] = "/tmp/zeroos-tape-XXXXXX";
    int tape_fd = mkstemp(tape_path);
    if (tape_fd < 0)
        return fail(std::string("cannot create the input tape: ") + std::strerror(errno));
    zeroos::tracer::write_fully(tape_fd, tape.data(), tape.size());
    close(tape_fd);

    char loader[128];
    std::snprintf(
        loader, sizeof loader, "loader,file=%s,addr=0x%llx,force-raw=on", tape_path, static_cast<unsigned long long>(*free_start));
    std::string memory = std::to_string(*ram_size >> 20) + "M";
    std::vector<std::string> command { "qemu-system-riscv64", "-machine", "virt", "-bios", "none", "-nographic", "-monitor", "none",
        "-serial", "stdio", "-icount", "shift=0,align=off,sleep=off", "-m", memory, "-kernel", run.program, "-device", loader };
    if (run.trace) {
        std::string problem = zeroos::tracer::setup_trace_output(run.trace_file);
        if (!problem.empty()) {
            unlink(tape_path);
            return fail(problem);
        }
    }
    if (run.gdb_port) {
        // Halted before the first instruction until a debugger connects and continues.
        command.insert(command.end(), { "-S", "-gdb", "tcp::" + std::to_string(run.gdb_port) });
        std::fprintf(stderr,
            "zeroos-run: qemu waits for gdb on port %d; connect with:\n  gdb-multiarch %s -ex 'target remote localhost:%d'\n", run.gdb_port,
            run.program.c_str(), run.gdb_port);
    }

    // qemu's stdout is the UART's output; its stdin, the UART's input, carries streamed stdin.
    int output[2], input[2];
    if (pipe2(output, O_CLOEXEC) != 0 || pipe2(input, O_CLOEXEC) != 0)
        return fail("pipe failed");
    for (int* end : { &output[0], &output[1], &input[0], &input[1] })
        *end = above_standard_fds(*end);
    pid_t qemu = fork();
    if (qemu == 0) {
        dup2(input[0], 0);
        dup2(output[1], 1);
        std::vector<char*> argv;
        for (auto& part : command)
            argv.push_back(part.data());
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        std::fprintf(stderr, "zeroos-run: cannot start qemu-system-riscv64: %s\n", std::strerror(errno));
        _exit(127);
    }
    close(output[1]);
    close(input[0]);
    zeroos::tracer::set_guest_for_signals(qemu);
    ConsoleDemultiplexer console;
    char buffer[65536];
    int64_t stdin_wanted = -1; // the byte count of a request that waits for the host's stdin, or -1
    for (;;) {
        if (stdin_wanted < 0)
            stdin_wanted = console.take_stdin_request();
        if (stdin_wanted >= 0) {
            // Wait for stdin and for qemu's output at once: a signal or --timeout kills qemu, whose
            // output then ends, so a stdin nobody writes cannot hold the run.
            pollfd ready[2] = { { 0, POLLIN, 0 }, { output[0], POLLIN, 0 } };
            if (poll(ready, 2, -1) < 0 && errno == EINTR)
                continue;
            if (ready[0].revents && !ready[1].revents) {
                answer_stdin_request(static_cast<uint32_t>(stdin_wanted), input[1]);
                stdin_wanted = -1;
                continue;
            }
        }
        ssize_t n = read(output[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        console.feed(buffer, static_cast<size_t>(n));
    }
    close(output[0]);
    close(input[1]);
    int status = 0;
    while (waitpid(qemu, &status, 0) < 0 && errno == EINTR) { }
    zeroos::tracer::set_guest_for_signals(-1);
    unlink(tape_path);
    if (int stopped = stopped_status(); stopped != 0)
        return stopped;
    if (std::any_of(run.mounts.begin(), run.mounts.end(), [](const auto& mount) { return mount.writable; }))
        write_back_changes(run, console.changes());
    if (run.print_statistics)
        std::fputs(console.statistics_table().c_str(), stderr);
    if (run.print_statistics || run.count_instructions)
        if (auto instructions = console.instructions_retired())
            std::fprintf(stderr, "zeroos-run: instructions retired: %llu\n", static_cast<unsigned long long>(*instructions));
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
