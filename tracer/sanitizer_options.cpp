// Built into zeroos-run and zeroos-replay in a ZEROOS_SANITIZE tree: how they react to a sanitizer
// report, whatever environment starts them (the end-to-end tests start them with an empty one, so
// ASAN_OPTIONS from ctest would not reach them). ASAN_OPTIONS and UBSAN_OPTIONS still override these.
//
// Every report ends the process with a failing status: ASan always stops at the first error (the
// tree is built without -fsanitize-recover), UBSan too (-fno-sanitize-recover=all), and leaks are
// checked at exit. Guests are not affected: they are never built with a sanitizer, and exec
// replaces the runtime in the forked child before the guest's first instruction.

extern "C" {

__attribute__((visibility("default"), used)) const char* __asan_default_options()
{
    return "halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1";
}

__attribute__((visibility("default"), used)) const char* __ubsan_default_options() { return "halt_on_error=1:print_stacktrace=1"; }

} // extern "C"
