// A minimal parallel loop for the pipeline's data-parallel stages.
#ifndef NEARDUP_UTIL_PARALLEL_H_
#define NEARDUP_UTIL_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace neardup::util {

// Number of worker threads for a `--threads` value: 0 means all cores.
inline int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Calls body(i) for every i in [0, count), spread over up to `threads` threads
// (0: all cores) that take indexes one at a time from a shared counter, and
// returns when all calls have returned. Results are deterministic when body(i)
// writes only to slot i of its outputs. body must not throw.
template <typename Body>
void ParallelFor(size_t count, int threads, const Body& body) {
  const size_t workers = std::min(count, static_cast<size_t>(ResolveThreads(threads)));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) body(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
}

}  // namespace neardup::util

#endif  // NEARDUP_UTIL_PARALLEL_H_
