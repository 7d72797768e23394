// The main thread ends with pthread_exit while another thread still runs (and sleeps): the run
// goes on until the last thread exits, and ends with that thread's status.
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static void* outlive_main(void* argument)
{
    (void)argument;
    struct timespec nap = { 0, 5000000 };
    nanosleep(&nap, NULL);
    printf("the worker outlived the main thread\n");
    fflush(stdout);
    return NULL;
}

int main(void)
{
    pthread_t thread;
    if (pthread_create(&thread, NULL, outlive_main, NULL) != 0)
        return 1;
    printf("the main thread exits alone\n");
    fflush(stdout);
    pthread_exit(NULL);
}
