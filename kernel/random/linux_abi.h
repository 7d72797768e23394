#pragma once

// getrandom's flags, named as core/linux_abi.h says.

namespace zeroos::abi {

inline constexpr int grnd_nonblock = 0x0001;
inline constexpr int grnd_random = 0x0002;
inline constexpr int grnd_insecure = 0x0004;

} // namespace zeroos::abi
