#pragma once

// The kernel, as the tracer includes it.
#include "kernel.h" // IWYU pragma: export
