// Same-event grouping: which different articles cover the same event.
#ifndef NEARDUP_EVENTS_EVENTS_H_
#define NEARDUP_EVENTS_EVENTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "neardup/options.h"
#include "text/document_texts.h"

namespace neardup::events {

// Used when EventOptions::threshold is 0: the least mean cosine (TF-IDF over
// content words and names) between the members of a group. Chosen on the
// tgcontest same-story pairs (bench/tgcontest_quality.cc, docs/EVENTS.md):
// the top of the F1 plateau 0.25-0.30, at its low end because the tiny
// samples/news corpus puts its same-event pair at 0.27.
inline constexpr double kDefaultThreshold = 0.25;

// A document to group: `doc` is its input index (the key for
// DocumentTexts::Text); `date` is as given, "" if none. Dates are read by
// ParseDateToDays (events/date.h); an unparseable date counts as unknown.
struct EventDoc {
  uint64_t doc = 0;
  std::string date;
};

struct EventMember {
  uint64_t doc = 0;
  double similarity = 0;  // mean cosine to the other members of the group
};

struct EventGroup {
  std::vector<EventMember> members;  // 2+, sorted by doc
  std::vector<std::string> labels;   // a few terms saying what the event is
  // Span of the members' known dates as YYYY-MM-DD (UTC day for date-times
  // with an offset); both empty when no member has a known date.
  std::string first_date, last_date;
};

// Groups documents covering the same event. Each document is represented by
// the TF-IDF vector (IDF over `docs`, see term_weights.h) of its content
// words and names (term_extractor.h); candidate pairs come from an inverted
// index over each document's heaviest terms (candidate_pairs.h) and are
// verified by cosine; pairs whose record dates, or whose dates named in
// the headline or lead (named_date.h), lie more than
// options.date_window_days apart are never linked, nor are two
// articles whose leads each name two people or places the other never
// mentions (lead_names.h); groups are formed by
// average linkage, so a loosely related article cannot chain two events
// (grouping.h). Groups have 2+ members and are sorted by first member.
// Calls texts.Text concurrently from up to `threads` threads (<= 1: the
// calling thread only). Deterministic whatever `threads`. Documents with no
// content terms (empty, all stop words) are never grouped.
std::vector<EventGroup> GroupEvents(absl::Span<const EventDoc> docs,
                                    const text::DocumentTexts& texts,
                                    const EventOptions& options, int threads);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_EVENTS_H_
