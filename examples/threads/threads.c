// A parallel sum with POSIX threads: workers take chunks of 1..N from a shared cursor under a
// mutex, add up their squares, and the last one to finish wakes the main thread through a
// condition variable. The output is the same on every run, natively and under ZeroOS.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define WORKERS 4
#define CHUNK 1000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static long next_start = 1, limit;
static unsigned long long total;
static int finished;

static void* worker(void* argument)
{
    long chunks = 0;
    (void)argument;
    for (;;) {
        pthread_mutex_lock(&lock);
        long start = next_start;
        next_start += CHUNK;
        pthread_mutex_unlock(&lock);
        if (start > limit)
            break;
        long end = start + CHUNK - 1 < limit ? start + CHUNK - 1 : limit;
        unsigned long long sum = 0;
        for (long n = start; n <= end; ++n)
            sum += (unsigned long long)n * (unsigned long long)n;
        pthread_mutex_lock(&lock);
        total += sum;
        pthread_mutex_unlock(&lock);
        ++chunks;
    }
    pthread_mutex_lock(&lock);
    if (++finished == WORKERS)
        pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&lock);
    return (void*)chunks;
}

int main(int argc, char** argv)
{
    limit = argc > 1 ? atol(argv[1]) : 100000;
    pthread_t threads[WORKERS];
    for (int i = 0; i < WORKERS; ++i) {
        if (pthread_create(&threads[i], NULL, worker, NULL) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    pthread_mutex_lock(&lock);
    while (finished < WORKERS)
        pthread_cond_wait(&all_done, &lock);
    pthread_mutex_unlock(&lock);
    long chunks = 0;
    for (int i = 0; i < WORKERS; ++i) {
        void* result;
        pthread_join(threads[i], &result);
        chunks += (long)result;
    }
    unsigned long long expected = (unsigned long long)limit * (limit + 1) * (2 * limit + 1) / 6;
    printf("%d threads summed the squares of 1..%ld in %ld chunks: %llu (%s)\n", WORKERS, limit, chunks, total,
        total == expected ? "correct" : "WRONG");
    return total == expected ? 0 : 1;
}
