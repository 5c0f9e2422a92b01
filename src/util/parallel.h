// A minimal parallel loop for the pipeline's data-parallel stages.
#ifndef NEARDUP_UTIL_PARALLEL_H_
#define NEARDUP_UTIL_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>

namespace neardup::util {

// Number of worker threads for a `--threads` value: 0 means all cores.
inline int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

// The process's helper threads for the loops below. A loop posts a job that
// up to `helpers` idle pool threads join, and its caller works on it too, so
// a loop never waits for a thread that is busy elsewhere: nested loops, and
// loops on several threads at once, run with fewer helpers (at worst, on the
// caller alone). The pool grows to the most helpers a loop asked for and
// keeps its threads, so their thread-local buffers last from one loop to the
// next instead of being rebuilt by a new thread each time. Thread-safe.
class HelperPool {
 public:
  static HelperPool& Get() {
    static HelperPool* pool = new HelperPool;  // never destroyed: its threads outlive main()
    return *pool;
  }

  // Calls work() on the calling thread and on up to `helpers` pool threads
  // at once; returns when every call has returned. work must not throw.
  template <typename Work>
  void Run(size_t helpers, const Work& work) {
    if (helpers == 0) return work();
    Job job{[](const void* w) { (*static_cast<const Work*>(w))(); }, &work, helpers, 0};
    {
      std::lock_guard lock(mutex_);
      while (threads_ < helpers) {
        std::thread([this] { Serve(); }).detach();
        ++threads_;
      }
      jobs_.push_back(&job);
    }
    posted_.notify_all();
    work();
    std::unique_lock lock(mutex_);
    if (job.open > 0) jobs_.erase(std::find(jobs_.begin(), jobs_.end(), &job));
    finished_.wait(lock, [&] { return job.running == 0; });
  }

 private:
  struct Job {
    void (*call)(const void* work);
    const void* work;
    size_t open;     // helpers that may still join
    size_t running;  // helpers in it now
  };

  void Serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
      posted_.wait(lock, [&] { return !jobs_.empty(); });
      Job* job = jobs_.front();
      if (--job->open == 0) jobs_.pop_front();
      ++job->running;
      lock.unlock();
      job->call(job->work);
      lock.lock();
      if (--job->running == 0) finished_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable posted_, finished_;
  std::deque<Job*> jobs_;  // with helpers still to join, oldest first
  size_t threads_ = 0;
};

// Calls body(i) for every i in [0, count), spread over up to `threads` threads
// (0: all cores; the caller and HelperPool threads) that take indexes one at a
// time from a shared counter, and returns when all calls have returned.
// Results are deterministic when body(i) writes only to slot i of its
// outputs. body must not throw.
template <typename Body>
void ParallelFor(size_t count, int threads, const Body& body) {
  const size_t workers = std::min(count, static_cast<size_t>(ResolveThreads(threads)));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::atomic<size_t> next{0};
  HelperPool::Get().Run(workers - 1, [&] {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) body(i);
  });
}

// Calls make(i, state) for every i in [0, count) on up to `threads` threads
// (0: all cores) and then use(i, state) on the same thread, but the use calls
// run one at a time and in index order: while one thread is in use(i), the
// others make i + 1, i + 2... Each thread has its own `State`
// (default-constructed once, reused for every index it takes), so make()
// writes its result there and use() consumes it, e.g. formatting chunks of
// output in parallel and writing them in order. When use() returns false, no
// later index is made or used (makes already under way finish, unused);
// returns when all calls have returned. One thread: make(0), use(0), make(1)...
// make and use must not throw.
template <typename State, typename Make, typename Use>
void OrderedParallelFor(size_t count, int threads, const Make& make, const Use& use) {
  const size_t workers = std::min(count, static_cast<size_t>(ResolveThreads(threads)));
  if (workers <= 1) {
    State state;
    for (size_t i = 0; i < count; ++i) {
      make(i, state);
      if (!use(i, state)) return;
    }
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> stopped{false};
  std::mutex mutex;
  std::condition_variable turn_changed;
  size_t turn = 0;  // the index whose use() runs next; guarded by mutex
  HelperPool::Get().Run(workers - 1, [&] {
    State state;
    // Every index taken passes its turn, even after a stop, so that no
    // thread waits for a turn that never comes.
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      if (!stopped.load()) make(i, state);
      {
        std::unique_lock lock(mutex);
        turn_changed.wait(lock, [&] { return turn == i; });
      }
      // Only the thread holding index `turn` gets here, so use() calls never
      // overlap and follow one another in index order.
      if (!stopped.load() && !use(i, state)) stopped.store(true);
      {
        std::lock_guard lock(mutex);
        turn = i + 1;
      }
      turn_changed.notify_all();
    }
  });
}

// Runs first() and second() at the same time on two threads when `threads`
// (0: all cores) allows more than one and a helper is free, otherwise
// first() then second(); returns when both have returned. Neither may throw.
template <typename First, typename Second>
void RunBoth(int threads, const First& first, const Second& second) {
  ParallelFor(2, threads, [&](size_t i) { i == 0 ? first() : second(); });
}

}  // namespace neardup::util

#endif  // NEARDUP_UTIL_PARALLEL_H_
