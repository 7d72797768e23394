#include "vfs/fd_table.h"

namespace zeroos {

ErrorOr<void> FdTable::init(Kernel&, u32) { return {}; }

} // namespace zeroos
