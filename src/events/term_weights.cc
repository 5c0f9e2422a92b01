#include "events/term_weights.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "util/parallel.h"

namespace neardup::events {

std::vector<TermVector> WeighTerms(absl::Span<const std::vector<TermCount>> documents,
                                   int threads) {
  absl::flat_hash_map<uint64_t, uint32_t> document_frequency;
  for (const auto& terms : documents) {
    for (const TermCount& t : terms) ++document_frequency[t.term];
  }
  const double numerator = static_cast<double>(documents.size()) + kPriorDocuments + 1;
  std::vector<TermVector> vectors(documents.size());
  util::ParallelFor(documents.size(), threads, [&](size_t d) {
    TermVector& vector = vectors[d];
    vector.reserve(documents[d].size());
    double norm = 0;
    for (const TermCount& t : documents[d]) {
      const uint32_t df = std::max(kLeastDocumentFrequency, document_frequency.at(t.term));
      const double idf = std::log(numerator / (df + 1.0));
      const double weight = (1.0 + std::log(t.count)) * idf;
      vector.push_back({t.term, static_cast<float>(weight)});
      norm += weight * weight;
    }
    if (norm <= 0) {
      vector.clear();
      return;
    }
    const double scale = 1.0 / std::sqrt(norm);
    for (TermWeight& w : vector) w.weight = static_cast<float>(w.weight * scale);
  });
  return vectors;
}

double Cosine(const TermVector& a, const TermVector& b) {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].term < b[j].term) {
      ++i;
    } else if (b[j].term < a[i].term) {
      ++j;
    } else {
      dot += static_cast<double>(a[i].weight) * b[j].weight;
      ++i;
      ++j;
    }
  }
  return dot;
}

}  // namespace neardup::events
