// Two threads that hand the CPU to each other N times each with sched_yield, for measuring the
// cost of a thread switch: run it with N = 0 and with a large N and compare instruction counts.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

static long rounds;

static void* partner(void* unused)
{
    (void)unused;
    for (long i = 0; i < rounds; ++i)
        sched_yield();
    return NULL;
}

int main(int argc, char** argv)
{
    rounds = argc > 1 ? atol(argv[1]) : 0;
    pthread_t thread;
    if (pthread_create(&thread, NULL, partner, NULL) != 0)
        return 1;
    for (long i = 0; i < rounds; ++i)
        sched_yield();
    pthread_join(thread, NULL);
    printf("%ld yields each\n", rounds);
    return 0;
}
