#pragma once

#include "base/result.h"

namespace zeroos {

class Kernel;

// The in-memory file system.
class Vfs {
public:
    ErrorOr<void> init(Kernel&);
};

} // namespace zeroos
