#pragma once

#include "base/types.h"

namespace zeroos {

// Signal dispositions, the mask and the alternate stack, as the guest set them.
class SignalState {
public:
};

} // namespace zeroos
