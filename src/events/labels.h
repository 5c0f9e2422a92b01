// Picks a few terms that say what an event group is about.
#ifndef NEARDUP_EVENTS_LABELS_H_
#define NEARDUP_EVENTS_LABELS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "events/term_extractor.h"
#include "events/term_weights.h"

namespace neardup::events {

inline constexpr size_t kMaxLabels = 5;

// Up to kMaxLabels labels for a group whose members have the given vectors
// and texts (parallel spans, in member order). Terms are ranked by their
// summed weight times the share of members that contain them (terms in at
// least two members first); a label is the term's first occurrence in the
// earliest member that has it ("Antony Blinken", "Great Hall of the People").
// A label contained in a longer chosen label is dropped, and a longer one
// replaces the shorter it contains. Deterministic.
std::vector<std::string> ChooseLabels(absl::Span<const TermVector* const> vectors,
                                      absl::Span<const std::string_view> texts,
                                      const TermExtractor& extractor);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_LABELS_H_
