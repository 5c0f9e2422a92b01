// Tests for the thread helpers of util/parallel.h.
#include "util/parallel.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <thread>
#include <vector>

namespace neardup::util {
namespace {

// What a thread of OrderedParallelFor keeps between its indexes.
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
    CHECK(made.load() <= 11 + static_cast<size_t>(threads));  // the rest was skipped
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
