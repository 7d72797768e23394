// The C part of cxx_vapp. zeroos_add_vapp compiles it as C (with zeroos-cc) although the vApp is
// linked by zeroos-c++, which would compile it as C++ and refuse it: C converts void* implicitly.
#include <stdlib.h>

int c_part_sum_of_squares(int count)
{
    int* squares = malloc((size_t)count * sizeof *squares);
    if (!squares)
        return -1;
    int sum = 0;
    for (int i = 0; i < count; ++i) {
        squares[i] = (i + 1) * (i + 1);
        sum += squares[i];
    }
    free(squares);
    return sum;
}
