#include "uaccess.h"

namespace zeroos {

ErrorOr<void> copy_path_allow_empty(PathBuffer& path, UserPtr<const char> source)
{
    path.length = TRY(strncpy_from_user(path.bytes, source, sizeof(path.bytes)));
    return {};
}

ErrorOr<void> copy_path_from_user(PathBuffer& path, UserPtr<const char> source)
{
    TRY(copy_path_allow_empty(path, source));
    if (path.length == 0)
        return Error::from_errno(ENOENT);
    return {};
}

} // namespace zeroos
