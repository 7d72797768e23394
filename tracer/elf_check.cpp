#include "elf_check.h"

#include "exit_codes.h"

#include <cerrno>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace zeroos::tracer {

namespace {

    ProgramCheck refuse(int exit_status, std::string message) { return ProgramCheck { false, exit_status, std::move(message) }; }

    ProgramCheck cannot_run(const std::string& path, int error)
    {
        return refuse(error == ENOENT || error == ENOTDIR ? exit_code::kNotFound : exit_code::kCannotExecute,
            "cannot run " + path + ": " + std::strerror(error));
    }

    bool read_exactly(int fd, void* buffer, size_t length, off_t offset)
    {
        auto* bytes = static_cast<char*>(buffer);
        while (length > 0) {
            ssize_t count = pread(fd, bytes, length, offset);
            if (count < 0 && errno == EINTR)
                continue;
            if (count <= 0)
                return false;
            bytes += count;
            length -= static_cast<size_t>(count);
            offset += count;
        }
        return true;
    }

    ProgramCheck check_elf(const std::string& path, int fd)
    {
        unsigned char ident[EI_NIDENT] = {};
        if (!read_exactly(fd, ident, sizeof(ident), 0) || std::memcmp(ident, ELFMAG, SELFMAG) != 0) {
            if (ident[0] == '#' && ident[1] == '!')
                return refuse(exit_code::kUnsupportedProgram, path + " is a script; ZeroOS runs static x86-64 ELF programs");
            return refuse(exit_code::kUnsupportedProgram, path + " is not an ELF program; ZeroOS runs static x86-64 ELF programs");
        }
        if (ident[EI_CLASS] == ELFCLASS32) {
            Elf32_Ehdr header32 {};
            bool riscv = read_exactly(fd, &header32, sizeof(header32), 0) && header32.e_machine == EM_RISCV;
            if (riscv)
                return refuse(exit_code::kUnsupportedProgram, path + " is a 32-bit RISC-V program; ZeroOS vApps are rv64imac");
            return refuse(exit_code::kUnsupportedProgram, path + " is a 32-bit ELF program; ZeroOS runs 64-bit x86-64 programs only");
        }
        Elf64_Ehdr header {};
        if (ident[EI_CLASS] != ELFCLASS64 || ident[EI_DATA] != ELFDATA2LSB || !read_exactly(fd, &header, sizeof(header), 0))
            return refuse(exit_code::kUnsupportedProgram, path + " has a malformed ELF header");
        if (header.e_machine == EM_RISCV) {
            if (header.e_type != ET_EXEC)
                return refuse(
                    exit_code::kUnsupportedProgram, path + " is a RISC-V ELF file but not a static executable (link it with zeroos-cc)");
            ProgramCheck vapp;
            vapp.runnable = true;
            vapp.riscv = true;
            return vapp;
        }
        if (header.e_machine != EM_X86_64)
            return refuse(
                exit_code::kUnsupportedProgram, path + " is built for ELF machine " + std::to_string(header.e_machine) + ", not x86-64");
        if (header.e_type != ET_EXEC && header.e_type != ET_DYN)
            return refuse(exit_code::kUnsupportedProgram, path + " is an ELF file but not an executable");
        if (header.e_phentsize != sizeof(Elf64_Phdr) || header.e_phnum == 0 || header.e_phnum > 4096)
            return refuse(exit_code::kUnsupportedProgram, path + " has a malformed ELF program header table");

        std::vector<Elf64_Phdr> segments(header.e_phnum);
        if (!read_exactly(fd, segments.data(), segments.size() * sizeof(Elf64_Phdr), static_cast<off_t>(header.e_phoff)))
            return refuse(exit_code::kUnsupportedProgram, path + " has a truncated ELF program header table");
        for (const auto& segment : segments) {
            if (segment.p_type == PT_INTERP)
                return refuse(exit_code::kUnsupportedProgram, path + " is dynamically linked; link it statically (-static)");
            // Code written at run time never executes under zeroos-run (the arena and the stack are
            // not executable); a segment that is both would let it, and would change under the
            // ptrace loop's one-time check of syscall sites.
            bool writable_code = (segment.p_flags & PF_W) && (segment.p_flags & PF_X);
            if (writable_code && segment.p_type == PT_LOAD)
                return refuse(exit_code::kUnsupportedProgram,
                    path + " has a segment that is both writable and executable; relink it without -N/--omagic");
            if (writable_code && segment.p_type == PT_GNU_STACK)
                return refuse(exit_code::kUnsupportedProgram, path + " asks for an executable stack; relink it with -z noexecstack");
        }
        return ProgramCheck { true, 0, {} };
    }

} // namespace

ProgramCheck check_program(const std::string& path)
{
    struct stat status { };
    if (stat(path.c_str(), &status) != 0)
        return cannot_run(path, errno);
    if (S_ISDIR(status.st_mode))
        return cannot_run(path, EISDIR);
    if (!S_ISREG(status.st_mode))
        return cannot_run(path, EACCES);
    if (access(path.c_str(), X_OK) != 0)
        return cannot_run(path, errno);
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cannot_run(path, errno);
    ProgramCheck check = check_elf(path, fd);
    close(fd);
    return check;
}

} // namespace zeroos::tracer
