// pthread_cancel. Deferred cancellation of a thread that reaches a cancellation point needs no
// signal in glibc and works; musl always, and glibc for asynchronous cancellation ("async"), send
// SIGCANCEL to a guest handler, which ZeroOS cannot deliver yet: the run must stop with one clear
// line and status 70.
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static sem_t started;
static int asynchronous;

static void* loop_until_cancelled(void* argument)
{
    (void)argument;
    if (asynchronous)
        pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    sem_post(&started);
    for (;;) {
        sched_yield();
        pthread_testcancel();
    }
    return NULL;
}

int main(int argc, char** argv)
{
    asynchronous = argc > 1 && strcmp(argv[1], "async") == 0;
    sem_init(&started, 0, 0);
    pthread_t thread;
    if (pthread_create(&thread, NULL, loop_until_cancelled, NULL) != 0)
        return 1;
    sem_wait(&started);
    printf("cancelling\n");
    fflush(stdout);
    pthread_cancel(thread);
    void* result = NULL;
    pthread_join(thread, &result);
    printf("cancelled: %s\n", result == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "another value");
    return 0;
}
