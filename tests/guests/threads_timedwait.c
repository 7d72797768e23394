// Timed waits on the virtual clock: pthread_cond_timedwait on CLOCK_MONOTONIC and sem_timedwait
// on CLOCK_REALTIME time out with ETIMEDOUT, while another thread sleeps. With "exact" as its
// argument it prints the elapsed virtual nanoseconds (exact under ZeroOS, not natively).
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int exact;

static long long now_ns(clockid_t clock)
{
    struct timespec now;
    clock_gettime(clock, &now);
    return now.tv_sec * 1000000000ll + now.tv_nsec;
}

static void report(const char* what, int result, long long elapsed)
{
    if (exact)
        printf("%s: %s after %lld ns\n", what, result == ETIMEDOUT ? "ETIMEDOUT" : strerror(result), elapsed);
    else
        printf("%s: %s after at least %s\n", what, result == ETIMEDOUT ? "ETIMEDOUT" : strerror(result),
            elapsed >= 250000000 ? "250 ms" : "less than 250 ms");
}

static void* sleeper(void* argument)
{
    (void)argument;
    struct timespec nap = { 0, 100000000 };
    nanosleep(&nap, NULL);
    printf("sleeper woke after 100 ms\n");
    return NULL;
}

int main(int argc, char** argv)
{
    exact = argc > 1 && strcmp(argv[1], "exact") == 0;
    pthread_t thread;
    pthread_create(&thread, NULL, sleeper, NULL);

    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_t never;
    pthread_cond_init(&never, &attributes);
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    long long start = now_ns(CLOCK_MONOTONIC);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_nsec += 250000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&lock);
    int result = pthread_cond_timedwait(&never, &lock, &deadline);
    pthread_mutex_unlock(&lock);
    report("pthread_cond_timedwait (CLOCK_MONOTONIC)", result, now_ns(CLOCK_MONOTONIC) - start);
    pthread_join(thread, NULL);

    sem_t empty;
    sem_init(&empty, 0, 0);
    start = now_ns(CLOCK_REALTIME);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 250000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1000000000;
    }
    result = sem_timedwait(&empty, &deadline) == 0 ? 0 : errno;
    report("sem_timedwait (CLOCK_REALTIME)", result, now_ns(CLOCK_REALTIME) - start);
    return 0;
}
