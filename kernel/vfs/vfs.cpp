#include "vfs/vfs.h"

namespace zeroos {

ErrorOr<void> Vfs::init(Kernel&) { return {}; }

} // namespace zeroos
