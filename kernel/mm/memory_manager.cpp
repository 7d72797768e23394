#include "mm/memory_manager_impl.h"

namespace zeroos {

template class MemoryManagerOf<RangeAllocator>;

} // namespace zeroos
