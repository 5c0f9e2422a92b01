// TF-IDF vectors of documents over the corpus being processed.
#ifndef NEARDUP_EVENTS_TERM_WEIGHTS_H_
#define NEARDUP_EVENTS_TERM_WEIGHTS_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "events/term_extractor.h"

namespace neardup::events {

struct TermWeight {
  uint64_t term = 0;
  float weight = 0;
};

// Sorted by term; unit L2 norm, or empty for a document without terms.
using TermVector = std::vector<TermWeight>;

// Pseudo-documents in which every term is assumed absent. They keep IDF
// from swinging on tiny corpora (in 5 documents a term seen once would
// otherwise weigh far more than one seen twice) and fade as the corpus grows.
inline constexpr double kPriorDocuments = 20;

// Weight of term t in document d: (1 + ln count) * ln((N + P + 1) / (df + 1)),
// N = documents, P = kPriorDocuments, df = documents containing t; then the
// vector is scaled to unit length. Deterministic; runs on `threads` threads.
std::vector<TermVector> WeighTerms(absl::Span<const std::vector<TermCount>> documents,
                                   int threads);

// Cosine similarity of two unit vectors (their dot product).
double Cosine(const TermVector& a, const TermVector& b);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_TERM_WEIGHTS_H_
