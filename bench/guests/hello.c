// bench/startup.sh's guest: a static hello, so the run is all start-up.
#include <stdio.h>

int main(void)
{
    puts("hello");
    return 0;
}
