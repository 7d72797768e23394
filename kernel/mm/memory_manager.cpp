#include "mm/memory_manager.h"

namespace zeroos {

ErrorOr<void> MemoryManager::init(platform::Region) { return {}; }

} // namespace zeroos
