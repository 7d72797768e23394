#include "base/errno.h"

namespace zeroos {

const char* errno_name(int value)
{
    switch (value) {
#define ZEROOS_ERRNO_CASE(name, number, message)                                                                                           \
    case number:                                                                                                                           \
        return #name;
        ZEROOS_ERRNO_LIST(ZEROOS_ERRNO_CASE)
#undef ZEROOS_ERRNO_CASE
    }
    return nullptr;
}

const char* errno_message(int value)
{
    switch (value) {
#define ZEROOS_ERRNO_CASE(name, number, message)                                                                                           \
    case number:                                                                                                                           \
        return message;
        ZEROOS_ERRNO_LIST(ZEROOS_ERRNO_CASE)
#undef ZEROOS_ERRNO_CASE
    }
    return nullptr;
}

} // namespace zeroos
