// Groups documents by average-linkage agglomeration over verified pairs.
#ifndef NEARDUP_EVENTS_GROUPING_H_
#define NEARDUP_EVENTS_GROUPING_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/types/span.h"
#include "events/term_weights.h"

namespace neardup::events {

// A verified pair: cosine at or above the grouping threshold.
struct ScoredPair {
  uint32_t a = 0, b = 0;
  double similarity = 0;
};

struct GroupingRule {
  double threshold = 0;          // least average similarity inside a group
  int64_t date_window_days = 0;  // widest span of known dates in a group
};

// A group of 2+ documents (indices into the vectors), ascending, with each
// member's mean cosine to the other members.
struct SimilarityGroup {
  std::vector<uint32_t> members;
  std::vector<double> similarity;
};

// Pairs are taken from the most to the least similar (ties by indices); a
// pair joins the two groups holding its documents only when the mean cosine
// over all cross pairs of the two groups (computed exactly from the groups'
// summed vectors) is at least `rule.threshold`, and the known dates of the
// merged group span at most `rule.date_window_days`. So one article close to
// two events cannot chain them: it joins one, and the events stay apart.
// Passes repeat (at most a few times) while they merge. Groups are returned
// sorted by first member. Deterministic.
std::vector<SimilarityGroup> GroupBySimilarity(absl::Span<const TermVector> vectors,
                                               std::vector<ScoredPair> pairs,
                                               absl::Span<const std::optional<int64_t>> days,
                                               const GroupingRule& rule);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_GROUPING_H_
