// The one Catch2 runner of every test binary (unit, replay, tracer, e2e): compiled once per tree.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
