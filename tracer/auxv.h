#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace zeroos {
class Kernel;
}

namespace zeroos::tracer {

// Where the auxiliary vector starts in the words of an initial process stack (argc, argv..., 0,
// envp..., 0, auxv pairs..., AT_NULL), and how many words it has including the AT_NULL pair.
// Empty when `stack_words` is cut off before the end of the vector.
struct AuxvPosition {
    size_t first_word;
    size_t word_count;
};
std::optional<AuxvPosition> find_auxv(const std::vector<std::uint64_t>& stack_words);

// Rewrites the vector in place for a deterministic guest: AT_SYSINFO_EHDR becomes AT_IGNORE (no
// vDSO, so no clock read escapes), and so do the rseq entries; the ids are 0 (root), AT_SECURE and
// AT_HWCAP2 0, AT_MINSIGSTKSZ a fixed size. Returns AT_RANDOM's address (0 when absent).
std::uint64_t patch_auxv(std::uint64_t* auxv_words, size_t word_count);

// At the guest's exec stop (stack pointer `stack_pointer`): patches the auxv in the guest and fills
// AT_RANDOM's 16 bytes from the kernel's random stream. Returns an error message or "".
std::string prepare_initial_stack(Kernel&, std::uint64_t stack_pointer);

} // namespace zeroos::tracer
