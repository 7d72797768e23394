#include "host_io.h"

#include "signals.h"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace zeroos::tracer {

void write_fully(int fd, const char* data, std::size_t length)
{
    while (length > 0) {
        ssize_t count = ::write(fd, data, length);
        if (count < 0 && errno == EINTR && !stop_requested()) // a reader that never reads must not hold the run
            continue;
        if (count <= 0)
            return;
        data += count;
        length -= static_cast<std::size_t>(count);
    }
}

long read_host_stdin(void* data, std::size_t length)
{
    for (;;) {
        if (!wait_for_host_fd(0, POLLIN))
            return -EINTR;
        ssize_t count = ::read(0, data, length);
        if (count < 0 && errno == EINTR && !stop_requested())
            continue;
        return count < 0 ? -errno : count;
    }
}

} // namespace zeroos::tracer
