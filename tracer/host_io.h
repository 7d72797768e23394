#pragma once

#include <cstddef>

namespace zeroos::tracer {

// Writes all of `data` to a host fd, retrying on EINTR and partial writes; gives up silently on
// an error (the reader went away), as a console or pipe writer must.
void write_fully(int fd, const char* data, std::size_t length);

} // namespace zeroos::tracer
