// Tests for the thread helpers of util/parallel.h.
#include "util/parallel.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <thread>
#include <vector>

namespace neardup::util {
namespace {

// An OrderedParallelFor state, reused from index to index.
struct Scratch {
  size_t made = SIZE_MAX;  // the index last made
  std::vector<size_t> squares;
};

TEST_CASE("OrderedParallelFor: uses follow index order, each after its own make") {
  for (int threads : {1, 2, 4}) {
    CAPTURE(threads);
    const size_t count = 200;
    std::vector<size_t> used;
    std::atomic<int> in_use{0};
    bool overlapped = false;
    bool mismatched = false;
    OrderedParallelFor<Scratch>(
        count, threads,
        [&](size_t i, Scratch& s) {
          s.made = i;
          s.squares.assign(1, i * i);
          if (i % 7 == 0) std::this_thread::yield();
        },
        [&](size_t i, Scratch& s) {
          if (in_use.fetch_add(1) != 0) overlapped = true;
          if (s.made != i || s.squares.size() != 1 || s.squares[0] != i * i) mismatched = true;
          used.push_back(i);
          in_use.fetch_sub(1);
          return true;
        });
    std::vector<size_t> expected(count);
    std::iota(expected.begin(), expected.end(), 0);
    CHECK(used == expected);
    CHECK(!overlapped);
    CHECK(!mismatched);
  }
}

TEST_CASE("OrderedParallelFor: nothing is used after a use returns false") {
  for (int threads : {1, 2, 3}) {
    CAPTURE(threads);
    std::vector<size_t> used;
    std::atomic<size_t> made{0};
    OrderedParallelFor<Scratch>(
        1000, threads, [&](size_t, Scratch&) { made.fetch_add(1); },
        [&](size_t i, Scratch&) {
          used.push_back(i);
          return i < 10;
        });
    CHECK(used == std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    // The rest was skipped: at most each state (one more than threads) was
    // being made or waiting for its use when index 10 stopped the loop.
    CHECK(made.load() <= 12 + static_cast<size_t>(threads));
  }
}

TEST_CASE("OrderedParallelFor: a slow make does not hold up the makes after it") {
  // make(0) returns only once index 2 is made: the thread that made index 1
  // must park it and make index 2 with the spare state, although index 0
  // is not used yet. Waiting for index 0's use instead would never end; the
  // deadline keeps a failure from hanging the test.
  std::atomic<bool> made_two{false};
  bool waited_out = false;
  std::vector<size_t> used;
  OrderedParallelFor<Scratch>(
      3, 2,
      [&](size_t i, Scratch& s) {
        s.made = i;
        if (i == 2) made_two.store(true);
        if (i != 0) return;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (!made_two.load()) {
          if (std::chrono::steady_clock::now() > deadline) {
            waited_out = true;
            return;
          }
          std::this_thread::yield();
        }
      },
      [&](size_t i, Scratch& s) {
        if (s.made == i) used.push_back(i);
        return true;
      });
  CHECK_FALSE(waited_out);
  CHECK(used == std::vector<size_t>{0, 1, 2});
}

TEST_CASE("OrderedLoop: takes in order until take says no more, then makes and uses the rest") {
  for (int threads : {1, 2, 3}) {
    CAPTURE(threads);
    // Inputs come from a source whose length the loop does not know.
    const size_t inputs = 157;
    size_t taken = 0;
    bool out_of_order = false;
    std::vector<Scratch> states(threads == 1 ? 1 : threads + 1);
    std::vector<size_t> used;
    OrderedLoop(
        states, threads,
        [&](size_t i, Scratch& s) {
          if (i != taken) out_of_order = true;
          if (taken == inputs) return false;
          s.squares.assign(1, taken++);
          return true;
        },
        [&](size_t i, Scratch& s) {
          s.made = i;
          s.squares[0] *= s.squares[0];
          if (i % 5 == 0) std::this_thread::yield();
        },
        [&](size_t i, Scratch& s) {
          if (s.made == i && s.squares[0] == i * i) used.push_back(i);
          return true;
        });
    std::vector<size_t> expected(inputs);
    std::iota(expected.begin(), expected.end(), 0);
    CHECK(used == expected);
    CHECK_FALSE(out_of_order);
  }
}

TEST_CASE("OrderedParallelFor: no index is nothing to do") {
  bool called = false;
  OrderedParallelFor<Scratch>(
      0, 2, [&](size_t, Scratch&) { called = true; },
      [&](size_t, Scratch&) {
        called = true;
        return true;
      });
  CHECK(!called);
}

TEST_CASE("RunBoth: both run, at once when threads allow") {
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    int first = 0;
    int second = 0;
    RunBoth(threads, [&] { first = 1; }, [&] { second = 2; });
    CHECK(first == 1);
    CHECK(second == 2);
  }
  // With two threads, each waits for the other: this returns only if they
  // run at the same time.
  std::atomic<int> arrived{0};
  auto meet = [&] {
    arrived.fetch_add(1);
    while (arrived.load() < 2) std::this_thread::yield();
  };
  RunBoth(2, meet, meet);
  CHECK(arrived.load() == 2);
}

TEST_CASE("HelperPool: a helper thread serves loop after loop, keeping its thread-locals") {
  thread_local int runs_here = 0;  // how many loops this thread helped
  const std::thread::id caller = std::this_thread::get_id();
  int most = 0;
  for (int loop = 0; loop < 10; ++loop) {
    std::atomic<int> arrived{0};
    HelperPool::Get().Run(1, [&] {
      // Both the caller and a helper must be in the loop at once.
      arrived.fetch_add(1);
      while (arrived.load() < 2) std::this_thread::yield();
      if (std::this_thread::get_id() != caller) most = std::max(most, ++runs_here);
    });
  }
  // A new thread per loop would have helped once; the pool has at most a
  // few threads, so one of them helped several times.
  CHECK(most > 1);
}

TEST_CASE("ParallelFor: every index once, whatever the count and threads") {
  // Counts below, at and above where indexes start to be taken in runs of
  // several (2 threads: 512 and more), and ones that leave a short last run.
  for (size_t count : {0, 1, 2, 511, 512, 513, 3079, 100003}) {
    for (int threads : {1, 2, 3}) {
      CAPTURE(count, threads);
      std::vector<std::atomic<int>> calls(count);
      ParallelFor(count, threads, [&](size_t i) { calls[i].fetch_add(1); });
      CHECK(std::all_of(calls.begin(), calls.end(), [](const std::atomic<int>& c) { return c.load() == 1; }));
    }
  }
}

TEST_CASE("ParallelFor: nested loops and loops on several threads at once all finish") {
  std::atomic<size_t> calls{0};
  RunBoth(
      3,
      [&] {
        ParallelFor(50, 3, [&](size_t) { ParallelFor(20, 3, [&](size_t) { calls.fetch_add(1); }); });
      },
      [&] { ParallelFor(400, 2, [&](size_t) { calls.fetch_add(1); }); });
  CHECK(calls.load() == 50 * 20 + 400);
}

}  // namespace
}  // namespace neardup::util
