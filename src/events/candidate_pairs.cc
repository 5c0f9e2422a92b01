#include "events/candidate_pairs.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "util/parallel.h"

namespace neardup::events {
namespace {

// The `count` heaviest terms of `vector` (ties by term id).
std::vector<uint64_t> TopTerms(const TermVector& vector, size_t count) {
  std::vector<TermWeight> sorted = vector;
  auto heavier = [](const TermWeight& a, const TermWeight& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  };
  if (sorted.size() > count) {
    std::partial_sort(sorted.begin(), sorted.begin() + count, sorted.end(), heavier);
    sorted.resize(count);
  }
  std::vector<uint64_t> terms;
  terms.reserve(sorted.size());
  for (const TermWeight& w : sorted) terms.push_back(w.term);
  return terms;
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
    absl::flat_hash_map<uint32_t, int> shared;
    for (uint64_t term : top[d]) {
      const std::vector<uint32_t>& list = postings.at(term);
      if (list.size() > limits.max_postings) continue;
      auto later = std::upper_bound(list.begin(), list.end(), static_cast<uint32_t>(d));
      for (; later != list.end(); ++later) ++shared[*later];
    }
    for (const auto& [other, count] : shared) {
      if (count >= limits.min_shared_terms) partners[d].push_back(other);
    }
    std::sort(partners[d].begin(), partners[d].end());
  });
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (uint32_t d = 0; d < partners.size(); ++d) {
    for (uint32_t other : partners[d]) pairs.emplace_back(d, other);
  }
  return pairs;
}

}  // namespace neardup::events
