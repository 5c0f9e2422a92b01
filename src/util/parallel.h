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
#include <utility>
#include <vector>

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
// (0: all cores) and then use(i, state) with the state make(i) wrote; the use
// calls run one at a time and in index order, e.g. formatting chunks of
// output in parallel and writing them in order. A thread whose index is not
// yet due parks its state and makes the next index with another state; the
// thread that ends a use goes on with the parked states that are due. So no
// thread waits for another's slower make while states last: there is one
// more than threads, each default-constructed once and reused for many
// indexes (make() overwrites its result). When use() returns false, no
// later index is made or used (makes already under way finish, unused);
// returns when all calls have returned. One thread: make(0), use(0),
// make(1)... make and use must not throw.
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
  std::vector<State> states(workers + 1);
  std::mutex mutex;
  std::condition_variable state_freed;
  // Guarded by mutex. Indexes are taken in order and each holds a state until
  // it is used, so those made but not used lie in [turn, turn + states).
  std::vector<State*> free_states;
  for (State& state : states) free_states.push_back(&state);
  std::vector<State*> parked(states.size(), nullptr);  // index i at i % states.size()
  size_t next = 0;        // the next index to make
  size_t turn = 0;        // the index whose use() runs next
  bool using_now = false;  // a thread is in the using loop below
  bool stopped = false;
  HelperPool::Get().Run(workers - 1, [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      state_freed.wait(lock, [&] { return !free_states.empty() || stopped || next == count; });
      if (stopped || next == count) return;
      State* state = free_states.back();
      free_states.pop_back();
      const size_t i = next++;
      lock.unlock();
      make(i, *state);
      lock.lock();
      parked[i % parked.size()] = state;
      if (using_now) continue;  // that thread uses it when it is due
      using_now = true;
      while (!stopped && parked[turn % parked.size()] != nullptr) {
        State* due = std::exchange(parked[turn % parked.size()], nullptr);
        const size_t index = turn;
        lock.unlock();
        const bool go_on = use(index, *due);
        lock.lock();
        stopped = !go_on;
        ++turn;
        free_states.push_back(due);
        state_freed.notify_all();
      }
      using_now = false;
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
