#include "events/labels.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "text/tokenizer.h"

namespace neardup::events {
namespace {

constexpr size_t kLabelCandidates = 30;

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
  std::sort(ranked.begin(), ranked.end(), [](const TermScore& x, const TermScore& y) {
    const bool x_shared = x.members >= 2, y_shared = y.members >= 2;
    if (x_shared != y_shared) return x_shared;
    if (x.score != y.score) return x.score > y.score;
    return x.term < y.term;
  });
  if (ranked.size() > kLabelCandidates) ranked.resize(kLabelCandidates);
  return ranked;
}

}  // namespace

std::vector<std::string> ChooseLabels(absl::Span<const TermVector* const> vectors,
                                      absl::Span<const std::string_view> texts,
                                      const TermExtractor& extractor) {
  const std::vector<TermScore> ranked = RankTerms(vectors);
  // First surfaces, earliest member first.
  absl::flat_hash_map<uint64_t, std::string_view> surfaces;
  for (std::string_view text : texts) {
    absl::flat_hash_map<uint64_t, std::string_view> member_surfaces;
    extractor.Extract(text, &member_surfaces);
    for (const auto& [term, surface] : member_surfaces) surfaces.try_emplace(term, surface);
  }
  std::vector<std::string> labels;
  std::vector<std::string> folded;  // labels in normalized form, for containment
  for (const TermScore& candidate : ranked) {
    if (labels.size() >= kMaxLabels) break;
    auto it = surfaces.find(candidate.term);
    if (it == surfaces.end()) continue;
    const std::string fold = text::NormalizeWord(it->second);
    bool covered = false;
    for (size_t i = 0; i < labels.size(); ++i) {
      if (folded[i].find(fold) != std::string::npos) {
        covered = true;
        break;
      }
      if (fold.find(folded[i]) != std::string::npos) {
        labels[i] = std::string(it->second);
        folded[i] = fold;
        covered = true;
        break;
      }
    }
    if (!covered) {
      labels.emplace_back(it->second);
      folded.push_back(fold);
    }
  }
  return labels;
}

}  // namespace neardup::events
