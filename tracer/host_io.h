#pragma once

#include <cstddef>

namespace zeroos::tracer {

// Writes all of `data` to a host fd, retrying on EINTR and partial writes; gives up silently on
// an error (the reader went away), as a console or pipe writer must.
void write_fully(int fd, const char* data, std::size_t length);

// One read of at most `length` bytes from the host's stdin for the guest: the count, 0 at the end,
// or -errno. EINTR is retried unless SIGINT/SIGTERM/--timeout asked to stop (no SA_RESTART), so a
// stdin nobody writes never holds the run past them.
long read_host_stdin(void* data, std::size_t length);

} // namespace zeroos::tracer
