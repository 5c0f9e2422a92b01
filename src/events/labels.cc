#include "events/labels.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "text/tokenizer.h"

namespace neardup::events {
namespace {

constexpr size_t kLabelCandidates = 100;

struct TermScore {
  uint64_t term = 0;
  double sum = 0;
  int members = 0;
  double score = 0;
};

std::vector<TermScore> RankTerms(absl::Span<const TermVector* const> vectors) {
  absl::flat_hash_map<uint64_t, TermScore> scores;
  for (const TermVector* vector : vectors) {
    for (const TermWeight& w : *vector) {
      TermScore& s = scores[w.term];
      s.term = w.term;
      s.sum += w.weight;
      ++s.members;
    }
  }
  std::vector<TermScore> ranked;
  ranked.reserve(scores.size());
  for (auto& [term, s] : scores) {
    s.score = s.sum * s.members / static_cast<double>(vectors.size());
    ranked.push_back(s);
  }
  const size_t kept = std::min(ranked.size(), kLabelCandidates);
  std::partial_sort(ranked.begin(), ranked.begin() + kept, ranked.end(),
                    [](const TermScore& x, const TermScore& y) {
                      const bool x_shared = x.members >= 2, y_shared = y.members >= 2;
                      if (x_shared != y_shared) return x_shared;
                      if (x.score != y.score) return x.score > y.score;
                      return x.term < y.term;
                    });
  ranked.resize(kept);
  return ranked;
}

}  // namespace

std::vector<std::string> ChooseLabels(absl::Span<const TermVector* const> vectors,
                                      absl::Span<const std::string_view> texts,
                                      const TermExtractor& extractor) {
  const std::vector<TermScore> ranked = RankTerms(vectors);
  // First surfaces of the ranked terms, earliest member first.
  absl::flat_hash_set<uint64_t> wanted;
  for (const TermScore& term : ranked) wanted.insert(term.term);
  absl::flat_hash_map<uint64_t, std::string_view> surfaces;
  for (std::string_view text : texts) extractor.Extract(text, &surfaces, &wanted);
  // Names say best what an event is: multi-word names first, then
  // capitalised words, then other words (by score within each kind).
  struct Candidate {
    std::string_view surface;
    int kind = 0;  // 2: multi-word name, 1: capitalised word, 0: other
    double score = 0;
  };
  std::vector<Candidate> candidates;
  for (const TermScore& term : ranked) {
    auto it = surfaces.find(term.term);
    if (it == surfaces.end()) continue;
    const bool capitalised = TermExtractor::StartsUpperCase(it->second);
    const bool multi_word = it->second.find(' ') != std::string_view::npos;
    const int kind = capitalised ? (multi_word ? 2 : 1) : 0;
    candidates.push_back({it->second, kind, term.score * (1.0 + 0.5 * kind)});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  std::vector<std::string> labels;
  std::vector<std::string> folded;  // labels in normalized form, for containment
  for (const Candidate& candidate : candidates) {
    const std::string fold = text::NormalizeWord(candidate.surface);
    bool covered = false;
    size_t replaced = 0;
    for (size_t i = 0; i < labels.size() && !covered;) {
      if (folded[i].find(fold) != std::string::npos) {
        covered = true;
      } else if (fold.find(folded[i]) != std::string::npos) {
        // The longer name takes the place of the first label it contains
        // and absorbs any others.
        if (replaced++ == 0) {
          labels[i] = std::string(candidate.surface);
          folded[i] = fold;
          ++i;
        } else {
          labels.erase(labels.begin() + i);
          folded.erase(folded.begin() + i);
        }
      } else {
        ++i;
      }
    }
    if (!covered && replaced == 0 && labels.size() < kMaxLabels) {
      labels.emplace_back(candidate.surface);
      folded.push_back(fold);
    }
  }
  return labels;
}

}  // namespace neardup::events
