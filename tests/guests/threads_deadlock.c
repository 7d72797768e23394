// Two threads take two mutexes in opposite orders, each waiting for the other's: a deadlock ZeroOS
// must report (every thread with what it waits on) and end with status 70.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER, second = PTHREAD_MUTEX_INITIALIZER;

static void* take_second_then_first(void* argument)
{
    (void)argument;
    pthread_mutex_lock(&second);
    sched_yield();
    pthread_mutex_lock(&first);
    return NULL;
}

int main(void)
{
    pthread_t thread;
    pthread_mutex_lock(&first);
    if (pthread_create(&thread, NULL, take_second_then_first, NULL) != 0)
        return 1;
    sched_yield(); // the other thread takes `second`
    printf("taking the second mutex\n");
    fflush(stdout);
    pthread_mutex_lock(&second);
    pthread_join(thread, NULL);
    return 0;
}
