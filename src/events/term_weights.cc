#include "events/term_weights.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "util/parallel.h"

namespace neardup::events {

namespace {

// 1 + ln(count), from a table for the usual small whole counts. The table is
// filled at run time by the same std::log as the general case (a volatile
// keeps the compiler from folding it with a differently rounded log), so
// the weights are the same bits either way.
class TermFrequencyWeight {
 public:
  TermFrequencyWeight() {
    for (size_t k = 1; k < kTable; ++k) {
      const volatile float count = static_cast<float>(k);
      table_[k] = 1.0 + std::log(static_cast<float>(count));
    }
  }
  double operator()(float count) const {
    if (count >= 1 && count < kTable &&
        count == static_cast<float>(static_cast<size_t>(count))) {
      return table_[static_cast<size_t>(count)];
    }
    return 1.0 + std::log(count);
  }

 private:
  static constexpr size_t kTable = 256;
  double table_[kTable] = {};
};

}  // namespace

std::vector<TermVector> WeighTerms(std::vector<std::vector<TermCount>> documents,
                                   int threads) {
  // Document frequency of each term, then replaced by its IDF.
  absl::flat_hash_map<uint64_t, double> idf;
  for (const auto& terms : documents) {
    for (const TermCount& t : terms) ++idf[t.term];
  }
  const double numerator = static_cast<double>(documents.size()) + kPriorDocuments + 1;
  for (auto& [term, value] : idf) {
    const uint32_t df = std::max(kLeastDocumentFrequency, static_cast<uint32_t>(value));
    value = std::log(numerator / (df + 1.0));
  }
  const TermFrequencyWeight tf_weight;
  std::vector<TermVector> vectors(documents.size());
  util::ParallelFor(documents.size(), threads, [&](size_t d) {
    TermVector& vector = vectors[d];
    vector.reserve(documents[d].size());
    double norm = 0;
    for (const TermCount& t : documents[d]) {
      const double weight = tf_weight(t.count) * idf.find(t.term)->second;
      vector.push_back({t.term, static_cast<float>(weight)});
      norm += weight * weight;
    }
    std::vector<TermCount>().swap(documents[d]);
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
  // A merge without unpredictable branches; the shared terms are still
  // added in increasing term order.
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const uint64_t x = a[i].term;
    const uint64_t y = b[j].term;
    if (x == y) dot += static_cast<double>(a[i].weight) * b[j].weight;
    i += x <= y;
    j += y <= x;
  }
  return dot;
}

}  // namespace neardup::events
