#pragma once

// The scheduling policy, chosen at configure time (-DZEROOS_SCHEDULER=roundrobin). A policy is a
// class with enqueue(Thread&) (the thread became runnable: woken, yielded or created), dequeue()
// (the thread to run next, nullptr when none is runnable) and empty(); ThreadTable is its only
// caller, so another policy needs a header and a line here, nothing else.
#if defined(ZEROOS_SCHEDULER_ROUNDROBIN) || !defined(ZEROOS_SCHEDULER_NAME)
#include "sched/round_robin.h"
namespace zeroos {
using SchedulerPolicy = RoundRobinPolicy;
}
#else
#error "unknown ZEROOS_SCHEDULER"
#endif
