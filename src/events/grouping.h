// Groups documents by average-linkage agglomeration over verified pairs.
#ifndef NEARDUP_EVENTS_GROUPING_H_
#define NEARDUP_EVENTS_GROUPING_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/types/span.h"
#include "events/lead_names.h"
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

// When a document's event happened, as far as is known: its record's date
// (when it was published) and the date its headline or lead names (when,
// the article says, its event happens; named_date.h). The two are never
// compared with each other: an article published on the 14th may name the
// 4th.
struct EventTime {
  std::optional<int64_t> day;      // record date, days since 1970-01-01
  std::optional<int> day_of_year;  // named date, see kDaysInYearCircle
};

// True when two documents' times allow one event: record dates at most
// `window` days apart, and named dates at most `window` days apart the
// shorter way round the year; an unknown date allows anything.
bool TimesFit(const EventTime& a, const EventTime& b, int64_t window);

// A group of 2+ documents (indices into the vectors), ascending, with each
// member's mean cosine to the other members.
struct SimilarityGroup {
  std::vector<uint32_t> members;
  std::vector<double> similarity;
};

// Pairs are taken from the most to the least similar (ties by indices); a
// pair joins the two groups holding its documents only when the mean cosine
// over all cross pairs of the two groups (computed exactly from the groups'
// summed vectors) is at least `rule.threshold`, and the merged group's known
// record dates, and its known named dates (the shorter way round the year),
// each span at most `rule.date_window_days`, and the two groups' names
// agree (LeadNamesAgree over the unions of their members' `names`; a
// document without names read has empty ones). So one article close to
// two events cannot chain them: it joins one, and the events stay apart.
// Passes repeat (at most a few times) while they merge. Groups are returned
// sorted by first member. Deterministic.
std::vector<SimilarityGroup> GroupBySimilarity(absl::Span<const TermVector> vectors,
                                               std::vector<ScoredPair> pairs,
                                               absl::Span<const EventTime> times,
                                               std::vector<TextNames> names,
                                               const GroupingRule& rule);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_GROUPING_H_
