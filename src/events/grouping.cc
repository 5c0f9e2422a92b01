#include "events/grouping.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "events/lead_names.h"
#include "events/named_date.h"

namespace neardup::events {
namespace {

constexpr int kMaxPasses = 8;

// A group being built: members, the sum of their unit vectors, the span of
// their record dates, their distinct known days of the year (ascending) and
// the union of their names.
struct Building {
  std::vector<uint32_t> members;
  absl::flat_hash_map<uint64_t, double> sum;
  std::optional<int64_t> first_day, last_day;
  std::vector<int> days_of_year;
  TextNames names;
};

double Dot(const absl::flat_hash_map<uint64_t, double>& a,
           const absl::flat_hash_map<uint64_t, double>& b) {
  if (a.size() > b.size()) return Dot(b, a);
  double dot = 0;
  for (const auto& [term, weight] : a) {
    auto it = b.find(term);
    if (it != b.end()) dot += weight * it->second;
  }
  return dot;
}

// The ascending distinct union of two ascending distinct lists.
std::vector<int> Union(const std::vector<int>& x, const std::vector<int>& y) {
  std::vector<int> both;
  std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  return both;
}

// The shortest arc of the year holding every day of `days` (ascending):
// the whole circle less its widest gap between neighbouring days.
int SpanAroundYear(const std::vector<int>& days) {
  if (days.size() < 2) return 0;
  int widest_gap = days.front() + kDaysInYearCircle - days.back();
  for (size_t i = 1; i < days.size(); ++i) widest_gap = std::max(widest_gap, days[i] - days[i - 1]);
  return kDaysInYearCircle - widest_gap;
}

bool SpanFits(const Building& x, const Building& y, int64_t window) {
  if (x.first_day && y.first_day &&
      std::max(*x.last_day, *y.last_day) - std::min(*x.first_day, *y.first_day) > window) {
    return false;
  }
  if (x.days_of_year.empty() || y.days_of_year.empty()) return true;
  return SpanAroundYear(Union(x.days_of_year, y.days_of_year)) <= window;
}

// Average-linkage merging of the groups holding pairs of documents (see
// GroupBySimilarity); a document gets its own group when first seen.
class Agglomerator {
 public:
  Agglomerator(absl::Span<const TermVector> vectors, absl::Span<const EventTime> times,
               std::vector<TextNames> names)
      : vectors_(vectors), times_(times), names_(std::move(names)),
        group_of_(vectors.size(), -1) {}

  // Tries to merge the groups of a and b; true if it did.
  bool TryMerge(uint32_t a, uint32_t b, const GroupingRule& rule) {
    const int ga = GroupOf(a);
    const int gb = GroupOf(b);
    if (ga == gb) return false;
    Building& x = groups_[ga];
    Building& y = groups_[gb];
    if (!SpanFits(x, y, rule.date_window_days) || !LeadNamesAgree(x.names, y.names)) {
      return false;
    }
    const double mean = Dot(x.sum, y.sum) /
                        (static_cast<double>(x.members.size()) * y.members.size());
    if (mean < rule.threshold) return false;
    Merge(ga, gb);
    return true;
  }

  // Identifies the state of the groups holding a and b: while it stays the
  // same, TryMerge(a, b) gives the same answer.
  struct Stamp {
    int ga = -1, gb = -1;
    uint32_t va = 0, vb = 0;
    bool operator==(const Stamp&) const = default;
  };
  Stamp StampOf(uint32_t a, uint32_t b) {
    const int ga = GroupOf(a);
    const int gb = GroupOf(b);
    return {ga, gb, versions_[ga], versions_[gb]};
  }

  std::vector<SimilarityGroup> Result() const {
    std::vector<SimilarityGroup> result;
    for (const Building& group : groups_) {
      if (group.members.size() < 2) continue;
      SimilarityGroup out;
      out.members = group.members;
      std::sort(out.members.begin(), out.members.end());
      for (uint32_t member : out.members) {
        double dot = 0;
        for (const TermWeight& w : vectors_[member]) {
          auto it = group.sum.find(w.term);
          if (it != group.sum.end()) dot += w.weight * it->second;
        }
        // Remove the member's own contribution (its vector has unit norm).
        out.similarity.push_back((dot - 1.0) / (out.members.size() - 1));
      }
      result.push_back(std::move(out));
    }
    std::sort(result.begin(), result.end(),
              [](const SimilarityGroup& x, const SimilarityGroup& y) {
                return x.members.front() < y.members.front();
              });
    return result;
  }

 private:
  // The group holding `doc`, made on first use.
  int GroupOf(uint32_t doc) {
    if (group_of_[doc] < 0) {
      Building group;
      group.members.push_back(doc);
      for (const TermWeight& w : vectors_[doc]) group.sum[w.term] = w.weight;
      group.first_day = group.last_day = times_[doc].day;
      if (times_[doc].day_of_year) group.days_of_year.push_back(*times_[doc].day_of_year);
      group.names = std::move(names_[doc]);  // read once: the group owns them now
      group_of_[doc] = static_cast<int>(groups_.size());
      groups_.push_back(std::move(group));
      versions_.push_back(0);
    }
    return group_of_[doc];
  }

  // Moves the smaller group into the larger; the emptied one stays empty.
  void Merge(int ga, int gb) {
    if (groups_[ga].members.size() < groups_[gb].members.size()) std::swap(ga, gb);
    Building& into = groups_[ga];
    Building& from = groups_[gb];
    for (uint32_t member : from.members) {
      into.members.push_back(member);
      group_of_[member] = ga;
    }
    for (const auto& [term, weight] : from.sum) into.sum[term] += weight;
    if (from.first_day) {
      into.first_day = into.first_day ? std::min(*into.first_day, *from.first_day)
                                      : from.first_day;
      into.last_day = into.last_day ? std::max(*into.last_day, *from.last_day)
                                    : from.last_day;
    }
    into.days_of_year = Union(into.days_of_year, from.days_of_year);
    into.names = Union(into.names, from.names);
    from = Building();
    ++versions_[ga];
    ++versions_[gb];
  }

  absl::Span<const TermVector> vectors_;
  absl::Span<const EventTime> times_;
  std::vector<TextNames> names_;  // by document, until its group is made
  std::vector<int> group_of_;
  std::vector<Building> groups_;
  std::vector<uint32_t> versions_;  // by group: bumped by every merge it takes part in
};

}  // namespace

bool TimesFit(const EventTime& a, const EventTime& b, int64_t window) {
  if (a.day && b.day && std::max(*a.day, *b.day) - std::min(*a.day, *b.day) > window) {
    return false;
  }
  return !a.day_of_year || !b.day_of_year ||
         DaysApartInYear(*a.day_of_year, *b.day_of_year) <= window;
}

std::vector<SimilarityGroup> GroupBySimilarity(absl::Span<const TermVector> vectors,
                                               std::vector<ScoredPair> pairs,
                                               absl::Span<const EventTime> times,
                                               std::vector<TextNames> names,
                                               const GroupingRule& rule) {
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.similarity != y.similarity) return x.similarity > y.similarity;
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  Agglomerator agglomerator(vectors, times, std::move(names));
  // A pair whose two groups are as they were when it was last tried would
  // get the same answer again, so it is skipped.
  std::vector<Agglomerator::Stamp> tried(pairs.size());
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    bool merged = false;
    for (size_t p = 0; p < pairs.size(); ++p) {
      const ScoredPair& pair = pairs[p];
      if (pass > 0 && agglomerator.StampOf(pair.a, pair.b) == tried[p]) continue;
      merged |= agglomerator.TryMerge(pair.a, pair.b, rule);
      tried[p] = agglomerator.StampOf(pair.a, pair.b);
    }
    if (!merged) break;
  }
  return agglomerator.Result();
}

}  // namespace neardup::events
