// Threads as a weapon: `bomb` creates threads until the kernel refuses and reports how many it got;
// `storm` starts a few dozen threads that yield to each other forever, then says "ready".
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void* wait_forever(void* unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    for (;;)
        pthread_cond_wait(&never, &lock);
    return NULL;
}

static void* spin(void* unused)
{
    (void)unused;
    for (;;)
        sched_yield();
    return NULL;
}

int main(int argc, char** argv)
{
    int storm = argc > 1 && strcmp(argv[1], "storm") == 0;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 64 * 1024);
    int created = 0, error = 0;
    for (; created < (storm ? 32 : 100000); ++created) {
        pthread_t thread;
        error = pthread_create(&thread, &attributes, storm ? spin : wait_forever, NULL);
        if (error)
            break;
        pthread_detach(thread);
    }
    if (storm) {
        printf("ready\n");
        fflush(stdout);
        spin(NULL);
    }
    printf("created %d threads, then: %s\n", created, error == EAGAIN ? "EAGAIN" : strerror(error));
    return 0;
}
