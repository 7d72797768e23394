#pragma once

#include "base/result.h"
#include "platform.h"

namespace zeroos {

// Guest memory: brk and mmap regions handed out from the platform's guest arena.
class MemoryManager {
public:
    ErrorOr<void> init(platform::Region arena);
};

} // namespace zeroos
