#pragma once

#include "base/result.h"

namespace zeroos {

class Kernel;

// The process's file descriptors.
class FdTable {
public:
    ErrorOr<void> init(Kernel&, u32 max_fds);
};

} // namespace zeroos
