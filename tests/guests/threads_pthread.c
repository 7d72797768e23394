// POSIX threads under ZeroOS: every synchronisation object libc builds on futexes, each section
// printing only what is fixed whatever the scheduling, so the native run prints the same bytes.
#define _GNU_SOURCE
#include <fenv.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 4

static void check(int error, const char* what)
{
    if (error) {
        printf("%s failed: %d\n", what, error);
        exit(1);
    }
}

static pthread_t start(void* (*function)(void*), long argument)
{
    pthread_t thread;
    check(pthread_create(&thread, NULL, function, (void*)argument), "pthread_create");
    return thread;
}

static long join(pthread_t thread)
{
    void* result = NULL;
    check(pthread_join(thread, &result), "pthread_join");
    return (long)result;
}

// --- A mutex protects a counter that every worker increments.
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void* count_up(void* argument)
{
    for (int i = 0; i < 10000; ++i) {
        pthread_mutex_lock(&counter_lock);
        ++counter;
        if (i % 1000 == 0)
            sched_yield(); // hand the CPU over while holding the lock
        pthread_mutex_unlock(&counter_lock);
    }
    return (void*)((long)argument * 10 + 1);
}

// --- A condition variable hands items from a producer to a consumer through a small queue.
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_changed = PTHREAD_COND_INITIALIZER;
static int queue[4], queue_length;

static void* produce(void* argument)
{
    (void)argument;
    for (int item = 1; item <= 100; ++item) {
        pthread_mutex_lock(&queue_lock);
        while (queue_length == 4)
            pthread_cond_wait(&queue_changed, &queue_lock);
        queue[queue_length++] = item;
        pthread_cond_signal(&queue_changed);
        pthread_mutex_unlock(&queue_lock);
    }
    return NULL;
}

static void* consume(void* argument)
{
    (void)argument;
    long sum = 0;
    for (int taken = 0; taken < 100; ++taken) {
        pthread_mutex_lock(&queue_lock);
        while (queue_length == 0)
            pthread_cond_wait(&queue_changed, &queue_lock);
        sum += queue[--queue_length];
        pthread_cond_signal(&queue_changed);
        pthread_mutex_unlock(&queue_lock);
    }
    return (void*)sum;
}

// --- A rwlock: readers check an invariant the writer keeps (two halves always equal).
static pthread_rwlock_t pair_lock = PTHREAD_RWLOCK_INITIALIZER;
static long pair[2];

static void* write_pairs(void* argument)
{
    (void)argument;
    for (int i = 1; i <= 500; ++i) {
        pthread_rwlock_wrlock(&pair_lock);
        pair[0] = i;
        sched_yield();
        pair[1] = i;
        pthread_rwlock_unlock(&pair_lock);
    }
    return NULL;
}

static void* read_pairs(void* argument)
{
    (void)argument;
    long broken = 0;
    for (int i = 0; i < 500; ++i) {
        pthread_rwlock_rdlock(&pair_lock);
        if (pair[0] != pair[1])
            ++broken;
        pthread_rwlock_unlock(&pair_lock);
        sched_yield();
    }
    return (void*)broken;
}

// --- A barrier: each worker publishes a value, then reads everyone's.
static pthread_barrier_t barrier;
static long published[WORKERS];

static void* meet(void* argument)
{
    long index = (long)argument;
    published[index] = (index + 1) * (index + 1);
    pthread_barrier_wait(&barrier);
    long sum = 0;
    for (int i = 0; i < WORKERS; ++i)
        sum += published[i];
    return (void*)sum;
}

// --- Semaphores make two threads alternate strictly.
static sem_t ping_turn, pong_turn;

static void* pong(void* argument)
{
    (void)argument;
    for (int i = 0; i < 3; ++i) {
        sem_wait(&pong_turn);
        printf("  pong %d\n", i);
        sem_post(&ping_turn);
    }
    return NULL;
}

// --- pthread_once, __thread variables and thread-specific data with a destructor.
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static __thread long thread_local_value = 7;
static pthread_key_t key;
static int destructor_runs;
static pthread_mutex_t destructor_lock = PTHREAD_MUTEX_INITIALIZER;

static void initialise(void) { ++once_runs; }

static void forget(void* value)
{
    pthread_mutex_lock(&destructor_lock);
    destructor_runs += (int)(long)value;
    pthread_mutex_unlock(&destructor_lock);
}

static void* per_thread(void* argument)
{
    long index = (long)argument;
    pthread_once(&once, initialise);
    long initial = thread_local_value;
    thread_local_value = 100 * (index + 1);
    pthread_setspecific(key, (void*)(index + 1));
    sched_yield();
    struct timespec nap = { 0, 1000000 };
    nanosleep(&nap, NULL); // the others run meanwhile
    long ok = initial == 7 && thread_local_value == 100 * (index + 1) && (long)pthread_getspecific(key) == index + 1;
    return (void*)ok;
}

// --- A detached thread tells the main thread it ran.
static sem_t detached_done;

static void* detached(void* argument)
{
    (void)argument;
    sem_post(&detached_done);
    return NULL;
}

// --- Each thread keeps its own floating-point environment (MXCSR and the x87 control word are
// per thread): two threads set opposite rounding modes and check theirs across switches.
static void* keep_rounding(void* argument)
{
    int mode = (int)(long)argument;
    fesetround(mode);
    long kept = 0;
    for (int i = 0; i < 3; ++i) {
        sched_yield();
        volatile double third = 1.0;
        third /= 3.0;
        kept += fegetround() == mode && (mode == FE_UPWARD ? third * 3.0 > 1.0 : third * 3.0 < 1.0);
    }
    return (void*)kept;
}

// --- A pipe between threads: the writer sends more than the pipe holds; the reader polls and
// reads until end of file.
static int pipe_ends[2];

static void* write_pipe(void* argument)
{
    (void)argument;
    static char block[10000];
    for (int i = 0; i < 20; ++i) {
        for (size_t n = 0; n < sizeof(block); ++n)
            block[n] = (char)(i + n);
        size_t done = 0;
        while (done < sizeof(block)) {
            ssize_t written = write(pipe_ends[1], block + done, sizeof(block) - done);
            if (written <= 0)
                return (void*)1;
            done += (size_t)written;
        }
    }
    close(pipe_ends[1]);
    return NULL;
}

static void read_pipe(void)
{
    check(pipe(pipe_ends), "pipe");
    pthread_t writer = start(write_pipe, 0);
    unsigned long total = 0, checksum = 0;
    char buffer[4096];
    for (;;) {
        struct pollfd entry = { pipe_ends[0], POLLIN, 0 };
        if (poll(&entry, 1, -1) != 1)
            break;
        ssize_t count = read(pipe_ends[0], buffer, sizeof(buffer));
        if (count <= 0)
            break;
        for (ssize_t n = 0; n < count; ++n)
            checksum = checksum * 31 + (unsigned char)buffer[n];
        total += (unsigned long)count;
    }
    printf("pipe: %lu bytes, checksum %lu, writer returned %ld\n", total, checksum % 1000003, join(writer));
    close(pipe_ends[0]);
}

int main(void)
{
    pthread_t threads[WORKERS];

    for (long i = 0; i < WORKERS; ++i)
        threads[i] = start(count_up, i);
    long returned = 0;
    for (int i = 0; i < WORKERS; ++i)
        returned += join(threads[i]);
    printf("mutex: counter %ld, join values sum %ld\n", counter, returned);

    pthread_t consumer = start(consume, 0), producer = start(produce, 0);
    join(producer);
    printf("condition variable: consumer summed %ld\n", join(consumer));

    threads[0] = start(write_pairs, 0);
    threads[1] = start(read_pairs, 0);
    threads[2] = start(read_pairs, 0);
    join(threads[0]);
    long broken = join(threads[1]) + join(threads[2]);
    printf("rwlock: %ld torn reads, final pair %ld %ld\n", broken, pair[0], pair[1]);

    check(pthread_barrier_init(&barrier, NULL, WORKERS), "pthread_barrier_init");
    long sums = 0;
    for (long i = 0; i < WORKERS; ++i)
        threads[i] = start(meet, i);
    for (int i = 0; i < WORKERS; ++i)
        sums += join(threads[i]);
    pthread_barrier_destroy(&barrier);
    printf("barrier: every worker saw %ld\n", sums / WORKERS);

    printf("semaphores:\n");
    sem_init(&ping_turn, 0, 1);
    sem_init(&pong_turn, 0, 0);
    threads[0] = start(pong, 0);
    for (int i = 0; i < 3; ++i) {
        sem_wait(&ping_turn);
        printf("  ping %d\n", i);
        sem_post(&pong_turn);
    }
    join(threads[0]);

    check(pthread_key_create(&key, forget), "pthread_key_create");
    long ok = 0;
    for (long i = 0; i < WORKERS; ++i)
        threads[i] = start(per_thread, i);
    for (int i = 0; i < WORKERS; ++i)
        ok += join(threads[i]);
    printf("once ran %d time(s); %ld of %d threads kept their __thread value and key; destructors got %d\n", once_runs, ok, WORKERS,
        destructor_runs);

    sem_init(&detached_done, 0, 0);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t detached_thread;
    check(pthread_create(&detached_thread, &attributes, detached, NULL), "pthread_create detached");
    sem_wait(&detached_done);
    printf("detached thread ran; main thread's __thread value is still %ld\n", thread_local_value);

    read_pipe();

    threads[0] = start(keep_rounding, FE_UPWARD);
    threads[1] = start(keep_rounding, FE_DOWNWARD);
    long kept = join(threads[0]) + join(threads[1]);
    printf("rounding modes kept across switches: %ld of 6, main thread's is %s\n", kept,
        fegetround() == FE_TONEAREST ? "to nearest" : "changed");
    return 0;
}
