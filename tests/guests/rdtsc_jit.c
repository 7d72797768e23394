// No rdtsc in the program's code: it writes one into an anonymous mapping, makes that executable and
// calls it, so zeroos-run must turn rdtsc trapping on at the mprotect.
#include "rdtsc_check.h"

#include <sys/mman.h>

static uint64_t (*written_at_run_time)(void);

static uint64_t call_written_code(void) { return written_at_run_time(); }

int main(void)
{
    // rdtsc; shl $32, %rdx; or %rdx, %rax; ret, each byte inverted, so that neither the data nor an
    // immediate the compiler makes of it holds the bytes of rdtsc.
    static const unsigned char inverted[] = { 0xf0, 0xce, 0xb7, 0x3e, 0x1d, 0xdf, 0xb7, 0xf6, 0x2f, 0x3c };
    static volatile unsigned char mask = 0xff;
    unsigned char* page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 2;
    for (size_t i = 0; i < sizeof(inverted); ++i)
        page[i] = inverted[i] ^ mask;
    if (mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0)
        return 2;
    written_at_run_time = (uint64_t(*)(void))(void*)page;
    return check_tsc("rdtsc written at run time", call_written_code);
}
