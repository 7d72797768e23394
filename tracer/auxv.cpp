#include "auxv.h"

#include "guest_memory.h"
#include "kernel_api.h"

namespace zeroos::tracer {

namespace {

    constexpr std::uint64_t kPageSize = 4096;
    constexpr size_t kMaxStackBytes = 8u << 20; // argv and envp together are limited well below this

    // The minimum signal stack ZeroOS states on every host: the host's value follows its CPU's
    // XSAVE size (11952 with AMX here); this one is above any x86-64 signal frame today.
    constexpr std::uint64_t kMinSignalStackSize = 16384;

} // namespace

std::optional<AuxvPosition> find_auxv(const std::vector<std::uint64_t>& stack_words)
{
    if (stack_words.empty())
        return std::nullopt;
    std::uint64_t argc = stack_words[0];
    if (argc > stack_words.size())
        return std::nullopt;
    size_t index = 1 + argc + 1; // past argv and its NULL
    while (index < stack_words.size() && stack_words[index] != 0) // envp
        ++index;
    ++index; // envp's NULL
    size_t first = index;
    while (index + 1 < stack_words.size()) {
        if (stack_words[index] == abi::at_null)
            return AuxvPosition { first, index + 2 - first };
        index += 2;
    }
    return std::nullopt;
}

std::uint64_t patch_auxv(std::uint64_t* auxv_words, size_t word_count)
{
    std::uint64_t random_address = 0;
    for (size_t index = 0; index + 1 < word_count; index += 2) {
        std::uint64_t& type = auxv_words[index];
        std::uint64_t& value = auxv_words[index + 1];
        switch (type) {
        case abi::at_sysinfo_ehdr:
        case abi::at_rseq_feature_size: // rseq is not served (ENOSYS): the libc's defaults, not the host's
        case abi::at_rseq_align:
            type = abi::at_ignore;
            break;
        case abi::at_random:
            random_address = value;
            break;
        case abi::at_uid: // the guest is root, as getuid says, whoever runs zeroos-run
        case abi::at_euid:
        case abi::at_gid:
        case abi::at_egid:
        case abi::at_secure:
        case abi::at_hwcap2: // host-only features (FSGSBASE, ring-3 MWAIT)
            value = 0;
            break;
        case abi::at_minsigstksz:
            value = kMinSignalStackSize;
            break;
        default:
            break;
        }
    }
    return random_address;
}

std::string prepare_initial_stack(Kernel& kernel, std::uint64_t stack_pointer)
{
    // Read page by page from rsp until the whole auxv is in hand: the stack's top is not known.
    std::vector<std::uint64_t> words;
    std::optional<AuxvPosition> position;
    std::uint64_t address = stack_pointer;
    while (!position) {
        size_t chunk = static_cast<size_t>(kPageSize - (address % kPageSize));
        if (words.size() * sizeof(std::uint64_t) + chunk > kMaxStackBytes)
            return "the guest's initial stack has no auxiliary vector";
        size_t old_count = words.size();
        words.resize(old_count + chunk / sizeof(std::uint64_t));
        if (guest_memory().read(words.data() + old_count, address, chunk) != 0)
            return "cannot read the guest's initial stack";
        address += chunk;
        position = find_auxv(words);
    }

    std::uint64_t* auxv = words.data() + position->first_word;
    std::uint64_t random_address = patch_auxv(auxv, position->word_count);
    std::uint64_t auxv_address = stack_pointer + position->first_word * sizeof(std::uint64_t);
    if (guest_memory().write(auxv_address, auxv, position->word_count * sizeof(std::uint64_t)) != 0)
        return "cannot write the guest's auxiliary vector";
    if (random_address != 0) {
        unsigned char random_bytes[16];
        kernel.random().fill(random_bytes, sizeof(random_bytes));
        if (guest_memory().write(random_address, random_bytes, sizeof(random_bytes)) != 0)
            return "cannot write the guest's AT_RANDOM bytes";
    }
    return {};
}

} // namespace zeroos::tracer
