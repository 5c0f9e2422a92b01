// Runs independent index-addressed work on a few threads.
#ifndef NEARDUP_EVENTS_PARALLEL_H_
#define NEARDUP_EVENTS_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace neardup::events {

// Calls work(i) for every i in [0, count), on up to `threads` threads
// (<= 1: on the calling thread). Each index is handled exactly once; results
// must be written to slots owned by i, so the outcome does not depend on the
// number of threads. `work` must not throw.
void ParallelFor(size_t count, int threads, const std::function<void(size_t)>& work);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_PARALLEL_H_
