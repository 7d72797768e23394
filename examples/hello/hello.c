// The smallest vApp: greets and echoes its arguments.
#include <stdio.h>

int main(int argc, char** argv)
{
    printf("Hello from ZeroOS!\n");
    for (int i = 1; i < argc; ++i)
        printf("argv[%d] = %s\n", i, argv[i]);
    return 0;
}
