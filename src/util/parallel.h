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
// (0: all cores; the caller and HelperPool threads) that take runs of
// consecutive indexes from a shared counter, and returns when all calls have
// returned. A run is about 1/256 of a thread's share (at least one index):
// threads meet at the counter rarely even when bodies take nanoseconds, and
// still finish within about a run of each other. Results are deterministic
// when body(i) writes only to slot i of its outputs. body must not throw.
template <typename Body>
void ParallelFor(size_t count, int threads, const Body& body) {
  const size_t workers = std::min(count, static_cast<size_t>(ResolveThreads(threads)));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) body(i);
    return;
  }
  const size_t run = std::max<size_t>(1, count / (workers * 256));
  std::atomic<size_t> next{0};
  HelperPool::Get().Run(workers - 1, [&] {
    for (size_t begin = next.fetch_add(run); begin < count; begin = next.fetch_add(run)) {
      const size_t end = std::min(count, begin + run);
      for (size_t i = begin; i < end; ++i) body(i);
    }
  });
}

// How many states an OrderedLoop on `workers` threads needs so that no
// thread waits for another's slower make: one more than the threads (a second
// spare gave the same times with more fresh memory touched); one thread needs
// one.
inline size_t OrderedLoopStates(size_t workers) { return workers <= 1 ? 1 : workers + 1; }

// A loop whose indexes 0, 1, 2... are taken one at a time and in order,
// made in parallel and used one at a time and in order, on up to `threads`
// threads (0: all cores), each index in one of `states`: take(i, state)
// (serialized, in index order) fills a free state with index i's input or
// returns false when there is none (the indexes taken before are still made
// and used); make(i, state) then
// runs on any thread; use(i, state) runs once every earlier index is used,
// and returning false stops the loop (no later index is taken or used;
// makes already under way finish, unused). A thread whose index is not yet
// due parks its state and takes the next index with a free one; the thread
// that ends a use goes on with the parked states that are due. So no thread
// waits for another's slower make while states last (OrderedLoopStates).
// Returns when all calls have returned. One thread or one state: take(0),
// make(0), use(0), take(1)... Nothing may throw.
template <typename State, typename Take, typename Make, typename Use>
void OrderedLoop(std::vector<State>& states, int threads, const Take& take, const Make& make,
                 const Use& use) {
  const size_t workers = std::min(states.size(), static_cast<size_t>(ResolveThreads(threads)));
  if (workers <= 1) {
    for (size_t i = 0; take(i, states[0]); ++i) {
      make(i, states[0]);
      if (!use(i, states[0])) return;
    }
    return;
  }
  std::mutex take_mutex;  // take() calls, one at a time
  size_t next = 0;        // guarded by take_mutex: the next index to take
  std::atomic<bool> no_more{false};  // take() said so, or use() stopped the loop
  std::mutex mutex;
  std::condition_variable state_freed;
  // Guarded by mutex. Each index taken holds a state until it is used, so
  // those taken but not used lie in [turn, turn + states).
  std::vector<State*> free_states;
  for (State& state : states) free_states.push_back(&state);
  std::vector<State*> parked(states.size(), nullptr);  // index i at i % states.size()
  size_t turn = 0;           // the index whose use() runs next
  bool using_now = false;    // a thread is in the using loop below
  bool use_stopped = false;  // a use() returned false
  HelperPool::Get().Run(workers - 1, [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      state_freed.wait(lock, [&] { return !free_states.empty() || no_more.load(); });
      if (no_more.load()) return;
      State* state = free_states.back();
      free_states.pop_back();
      lock.unlock();
      size_t i = 0;
      bool taken = false;
      {
        std::lock_guard take_lock(take_mutex);
        if (!no_more.load()) taken = take(next, *state);
        if (taken) i = next++;
      }
      if (!taken) {
        lock.lock();
        free_states.push_back(state);
        no_more.store(true);
        state_freed.notify_all();
        return;
      }
      make(i, *state);
      lock.lock();
      parked[i % parked.size()] = state;
      if (using_now) continue;  // that thread uses it when it is due
      using_now = true;
      while (!use_stopped && parked[turn % parked.size()] != nullptr) {
        State* due = std::exchange(parked[turn % parked.size()], nullptr);
        const size_t index = turn;
        lock.unlock();
        const bool go_on = use(index, *due);
        lock.lock();
        ++turn;
        free_states.push_back(due);
        if (!go_on) {
          use_stopped = true;
          no_more.store(true);
        }
        state_freed.notify_all();
      }
      using_now = false;
    }
  });
}

// Calls make(i, state) for every i in [0, count) on up to `threads` threads
// (0: all cores) and then use(i, state) with the state make(i) wrote, one use
// at a time and in index order, e.g. formatting chunks of output in parallel
// and writing them in order: an OrderedLoop over [0, count) with
// OrderedLoopStates states, each default-constructed once and reused for many
// indexes (make() overwrites its result). When use() returns false, no later
// index is made or used (makes already under way finish, unused).
template <typename State, typename Make, typename Use>
void OrderedParallelFor(size_t count, int threads, const Make& make, const Use& use) {
  const size_t workers = std::min(count, static_cast<size_t>(ResolveThreads(threads)));
  std::vector<State> states(OrderedLoopStates(workers));
  OrderedLoop(
      states, threads, [count](size_t i, State&) { return i < count; }, make, use);
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
