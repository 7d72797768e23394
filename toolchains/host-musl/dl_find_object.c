// glibc's _dl_find_object for static musl programs: the unwinder in Debian's libgcc_eh.a (built
// against glibc 2.36) asks it for the unwind tables of the module holding a pc, and has no
// fallback. musl lacks it, so without this C++ exceptions and Rust panics in the host builds of
// vApps do not link. Answered from dl_iterate_phdr, which musl provides for static programs from
// AT_PHDR; the module's PT_GNU_EH_FRAME (the link needs --eh-frame-hdr) is what libgcc reads.
#include <link.h>
#include <stddef.h>
#include <stdint.h>

#ifndef PT_GNU_EH_FRAME
#define PT_GNU_EH_FRAME 0x6474e550
#endif

// The x86-64 layout of glibc's struct (dlfcn.h; no dlfo_eh_dbase on x86-64).
struct dl_find_object {
    unsigned long long dlfo_flags;
    void* dlfo_map_start;
    void* dlfo_map_end;
    struct link_map* dlfo_link_map;
    void* dlfo_eh_frame;
    unsigned long long dlfo_reserved[7];
};

int _dl_find_object(void* pc, struct dl_find_object* result);

struct search {
    uintptr_t pc;
    struct dl_find_object* result;
};

static int find_module(struct dl_phdr_info* info, size_t size, void* data)
{
    (void)size;
    struct search* search = data;
    uintptr_t start = UINTPTR_MAX, end = 0, eh_frame = 0;
    int holds_pc = 0;
    for (size_t i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)* header = &info->dlpi_phdr[i];
        uintptr_t begin = info->dlpi_addr + header->p_vaddr;
        if (header->p_type == PT_LOAD) {
            if (search->pc >= begin && search->pc < begin + header->p_memsz)
                holds_pc = 1;
            if (begin < start)
                start = begin;
            if (begin + header->p_memsz > end)
                end = begin + header->p_memsz;
        } else if (header->p_type == PT_GNU_EH_FRAME) {
            eh_frame = begin;
        }
    }
    if (!holds_pc)
        return 0;
    *search->result = (struct dl_find_object) {
        .dlfo_map_start = (void*)start,
        .dlfo_map_end = (void*)end,
        .dlfo_eh_frame = (void*)eh_frame,
    };
    return 1;
}

int _dl_find_object(void* pc, struct dl_find_object* result)
{
    struct search search = { (uintptr_t)pc, result };
    return dl_iterate_phdr(find_module, &search) ? 0 : -1;
}
