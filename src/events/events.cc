#include "events/events.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/time/civil_time.h"
#include "absl/strings/str_format.h"
#include "events/candidate_pairs.h"
#include "events/date.h"
#include "events/grouping.h"
#include "events/labels.h"
#include "events/lead_names.h"
#include "events/named_date.h"
#include "text/utf8.h"
#include "util/parallel.h"
#include "events/term_extractor.h"
#include "events/term_weights.h"

namespace neardup::events {
namespace {

std::string DayToIso(int64_t day) {
  const absl::CivilDay civil = absl::CivilDay(1970, 1, 1) + day;
  return absl::StrFormat("%04d-%02d-%02d", civil.year(), civil.month(), civil.day());
}

// Verified pairs among the candidates: cosine at or above the threshold and
// times that fit the window (TimesFit).
std::vector<ScoredPair> VerifyPairs(
    const std::vector<std::pair<uint32_t, uint32_t>>& candidates,
    absl::Span<const TermVector> vectors, absl::Span<const EventTime> times,
    const GroupingRule& rule, int threads) {
  std::vector<double> similarity(candidates.size(), -1);
  util::ParallelFor(candidates.size(), threads, [&](size_t p) {
    const auto [a, b] = candidates[p];
    if (!TimesFit(times[a], times[b], rule.date_window_days)) return;
    similarity[p] = Cosine(vectors[a], vectors[b]);
  });
  std::vector<ScoredPair> pairs;
  for (size_t p = 0; p < candidates.size(); ++p) {
    if (similarity[p] >= rule.threshold) {
      pairs.push_back({candidates[p].first, candidates[p].second, similarity[p]});
    }
  }
  return pairs;
}

// The names (lead_names.h) of the documents in `pairs`; other documents'
// stay empty (they are never grouped, so reading them would be wasted).
std::vector<TextNames> ReadNames(const std::vector<ScoredPair>& pairs,
                                 absl::Span<const std::string_view> texts, int threads) {
  std::vector<uint8_t> paired(texts.size(), 0);
  for (const ScoredPair& pair : pairs) paired[pair.a] = paired[pair.b] = 1;
  std::vector<uint32_t> read;
  for (uint32_t d = 0; d < paired.size(); ++d) {
    if (paired[d]) read.push_back(d);
  }
  const NameReader reader;
  std::vector<TextNames> names(texts.size());
  util::ParallelFor(read.size(), threads,
                    [&](size_t i) { names[read[i]] = reader.Read(texts[read[i]]); });
  return names;
}

// What an event is about is said in an article's first pages: a longer text
// (a whole book, a hostile 100 MB record) is read only this far, so the cost
// of grouping stays bounded per document.
constexpr size_t kMaxEventTextBytes = 64 * 1024;

std::string_view EventText(std::string_view text) {
  return text.substr(0, text::Utf8Floor(text, kMaxEventTextBytes));
}

}  // namespace

std::vector<EventGroup> GroupEvents(absl::Span<const EventDoc> docs,
                                    const text::DocumentTexts& texts,
                                    const EventOptions& options, int threads) {
  const TermExtractor extractor;
  std::vector<std::string_view> doc_texts(docs.size());
  std::vector<EventTime> times(docs.size());
  util::ParallelFor(docs.size(), threads, [&](size_t d) {
    doc_texts[d] = EventText(texts.Text(docs[d].doc));
    EventTime& time = times[d];
    time.day = ParseDateToDays(docs[d].date);
    time.day_of_year = NamedDayOfYear(doc_texts[d]);
  });
  std::vector<std::vector<TermCount>> terms(docs.size());
  util::ParallelFor(docs.size(), threads,
                    [&](size_t d) { terms[d] = extractor.Extract(doc_texts[d]); });
  const std::vector<TermVector> vectors = WeighTerms(std::move(terms), threads);

  GroupingRule rule;
  rule.threshold = options.threshold > 0 ? options.threshold : kDefaultThreshold;
  rule.date_window_days = std::max(0, options.date_window_days);
  const auto candidates = CandidatePairs(vectors, CandidateLimits(), threads);
  std::vector<ScoredPair> pairs = VerifyPairs(candidates, vectors, times, rule, threads);
  std::vector<TextNames> names = ReadNames(pairs, doc_texts, threads);
  std::erase_if(pairs, [&](const ScoredPair& pair) {
    return !LeadNamesAgree(names[pair.a], names[pair.b]);
  });
  const std::vector<SimilarityGroup> groups =
      GroupBySimilarity(vectors, std::move(pairs), times, std::move(names), rule);

  std::vector<EventGroup> result(groups.size());
  util::ParallelFor(groups.size(), threads, [&](size_t g) {
    const SimilarityGroup& group = groups[g];
    EventGroup& out = result[g];
    std::vector<const TermVector*> member_vectors;
    std::vector<std::string_view> member_texts;
    std::optional<int64_t> first, last;
    for (size_t m = 0; m < group.members.size(); ++m) {
      const uint32_t index = group.members[m];
      out.members.push_back({docs[index].doc, group.similarity[m]});
      member_vectors.push_back(&vectors[index]);
      member_texts.push_back(doc_texts[index]);
      if (const std::optional<int64_t>& day = times[index].day) {
        first = first ? std::min(*first, *day) : *day;
        last = last ? std::max(*last, *day) : *day;
      }
    }
    out.labels = ChooseLabels(member_vectors, member_texts, extractor);
    if (first) {
      out.first_date = DayToIso(*first);
      out.last_date = DayToIso(*last);
    }
    std::sort(out.members.begin(), out.members.end(),
              [](const EventMember& x, const EventMember& y) { return x.doc < y.doc; });
  });
  std::sort(result.begin(), result.end(), [](const EventGroup& x, const EventGroup& y) {
    return x.members.front().doc < y.members.front().doc;
  });
  return result;
}

}  // namespace neardup::events
