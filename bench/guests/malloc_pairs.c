// Does COUNT malloc/free pairs in one of four patterns, for bench/allocator_instructions.sh:
//   small COUNT        64-byte blocks beside one that stays live: musl's own pools, no system call
//   small-churn COUNT  64-byte blocks alone: musl's malloc (mallocng) frees the group each time
//                      its last block goes and makes a new one on the next malloc; for the first
//                      ~100 pairs that is a page mmap and munmap each, then its bounce detection
//                      keeps the page and the churn stays inside musl
//   large COUNT        256 KiB blocks: above musl's mmap threshold, so each pair is one mmap and
//                      one munmap through the kernel's page allocator
//   mixed COUNT        256 live blocks of 16 B to 32 KiB, one in 16 of 128 to 512 KiB; each pair
//                      frees a pseudo-random one and allocates its replacement
// Run it with COUNT and 2 * COUNT: the difference is COUNT pairs without the start-up cost.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kLiveBlocks = 256 };

static void* live[kLiveBlocks];
static void* volatile sink;
static unsigned long long state = 0x9e3779b97f4a7c15ull;

// xorshift64: the same sequence on every target and run.
static unsigned long long next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void* checked_malloc(size_t size, long pair)
{
    char* block = malloc(size);
    if (!block) {
        fprintf(stderr, "malloc_pairs: malloc(%zu) failed at pair %ld (the arena is exhausted)\n", size, pair);
        exit(1);
    }
    // One write so the pair is real: the compiler may not drop it, and the memory is touched.
    *(volatile char*)block = (char)pair;
    return block;
}

static size_t mixed_size(void)
{
    unsigned long long r = next_random();
    if (r % 16 == 0)
        return (128u << 10) + (size_t)((r >> 8) % (384u << 10));
    // Log-uniform between 16 B and 32 KiB: a power of two from 2^4 to 2^14, then up to twice that.
    size_t base = (size_t)1 << (4 + (r >> 8) % 11);
    return base + (size_t)((r >> 16) % base);
}

static void pairs_of(size_t size, long count)
{
    for (long i = 0; i < count; ++i) {
        sink = checked_malloc(size, i);
        free(sink);
    }
}

static void mixed(long count)
{
    for (int i = 0; i < kLiveBlocks; ++i)
        live[i] = checked_malloc(mixed_size(), -1);
    for (long i = 0; i < count; ++i) {
        unsigned slot = (unsigned)(next_random() % kLiveBlocks);
        free(live[slot]);
        live[slot] = checked_malloc(mixed_size(), i);
    }
    for (int i = 0; i < kLiveBlocks; ++i)
        free(live[i]);
}

int main(int argc, char** argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: malloc_pairs small|small-churn|large|mixed COUNT\n");
        return 2;
    }
    long count = atol(argv[2]);
    if (strcmp(argv[1], "small") == 0) {
        void* neighbour = checked_malloc(64, -1);
        pairs_of(64, count);
        free(neighbour);
    } else if (strcmp(argv[1], "small-churn") == 0)
        pairs_of(64, count);
    else if (strcmp(argv[1], "large") == 0)
        pairs_of(256u << 10, count);
    else if (strcmp(argv[1], "mixed") == 0)
        mixed(count);
    else {
        fprintf(stderr, "malloc_pairs: unknown pattern '%s' (small, small-churn, large or mixed)\n", argv[1]);
        return 2;
    }
    return 0;
}
