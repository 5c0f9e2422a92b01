#include "events/candidate_pairs.h"

#include <algorithm>
#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "util/parallel.h"

namespace neardup::events {
namespace {

// The `count` heaviest terms of `vector` (ties by term id), heaviest first.
std::vector<uint64_t> TopTerms(const TermVector& vector, size_t count) {
  auto heavier = [](const TermWeight& a, const TermWeight& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  };
  thread_local std::vector<TermWeight> heaviest;
  heaviest.resize(std::min(count, vector.size()));
  std::partial_sort_copy(vector.begin(), vector.end(), heaviest.begin(), heaviest.end(),
                         heavier);
  std::vector<uint64_t> terms;
  terms.reserve(heaviest.size());
  for (const TermWeight& w : heaviest) terms.push_back(w.term);
  return terms;
}

// Counts of indexed terms shared with later documents, kept per thread (all
// zero between documents), and the documents counted for the current one.
struct SharedCounts {
  std::vector<uint32_t> count;
  std::vector<uint32_t> seen;
};

SharedCounts& ThreadSharedCounts() {
  thread_local SharedCounts counts;
  return counts;
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(
    absl::Span<const TermVector> vectors, const CandidateLimits& limits, int threads) {
  std::vector<std::vector<uint64_t>> top(vectors.size());
  util::ParallelFor(vectors.size(), threads,
              [&](size_t d) { top[d] = TopTerms(vectors[d], limits.top_terms); });
  // Postings are filled in document order, so each list is sorted.
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> postings;
  for (uint32_t d = 0; d < top.size(); ++d) {
    for (uint64_t term : top[d]) postings[term].push_back(d);
  }
  std::vector<std::vector<uint32_t>> partners(vectors.size());
  util::ParallelFor(vectors.size(), threads, [&](size_t d) {
    SharedCounts& shared = ThreadSharedCounts();
    if (shared.count.size() < vectors.size()) shared.count.resize(vectors.size());
    shared.seen.clear();
    for (uint64_t term : top[d]) {
      const std::vector<uint32_t>& list = postings.at(term);
      if (list.size() > limits.max_postings) continue;
      auto later = std::upper_bound(list.begin(), list.end(), static_cast<uint32_t>(d));
      for (; later != list.end(); ++later) {
        if (shared.count[*later]++ == 0) shared.seen.push_back(*later);
      }
    }
    for (uint32_t other : shared.seen) {
      if (static_cast<int>(shared.count[other]) >= limits.min_shared_terms) {
        partners[d].push_back(other);
      }
      shared.count[other] = 0;
    }
    std::sort(partners[d].begin(), partners[d].end());
  });
  ThreadSharedCounts() = SharedCounts();  // the calling thread's; workers' end with them
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (uint32_t d = 0; d < partners.size(); ++d) {
    for (uint32_t other : partners[d]) pairs.emplace_back(d, other);
  }
  return pairs;
}

}  // namespace neardup::events
