#pragma once

namespace zeroos {

class Kernel;

// exit(2): ends the calling thread. Its robust futexes get FUTEX_OWNER_DIED and a wake, its
// clear_child_tid word is zeroed and woken (pthread_join waits on it); the last thread's exit
// ends the run with `status`.
void exit_thread(Kernel&, int status);

} // namespace zeroos
