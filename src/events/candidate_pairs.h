// Finds pairs of documents worth comparing, without comparing all pairs.
#ifndef NEARDUP_EVENTS_CANDIDATE_PAIRS_H_
#define NEARDUP_EVENTS_CANDIDATE_PAIRS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "events/term_weights.h"

namespace neardup::events {

// Limits of the candidate index.
struct CandidateLimits {
  int top_terms = 25;        // heaviest terms of a document that are indexed
  int min_shared_terms = 3;  // a pair must share this many indexed terms
  // A term indexed by more documents than this is skipped: it is too common
  // to tell events apart, and skipping it keeps the cost near-linear
  // (at most top_terms * max_postings look-ups per document).
  size_t max_postings = 200;
};

// Pairs (i, j), i < j, of indices into `vectors` that share at least
// `min_shared_terms` of their `top_terms` heaviest terms, sorted.
// Deterministic whatever `threads`.
std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(
    absl::Span<const TermVector> vectors, const CandidateLimits& limits, int threads);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_CANDIDATE_PAIRS_H_
