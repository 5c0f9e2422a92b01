// TF-IDF vectors of documents over the corpus being processed.
#ifndef NEARDUP_EVENTS_TERM_WEIGHTS_H_
#define NEARDUP_EVENTS_TERM_WEIGHTS_H_

#include <cstdint>
#include <vector>

#include "events/term_extractor.h"

namespace neardup::events {

struct TermWeight {
  uint64_t term = 0;
  float weight = 0;
};

// Sorted by term; unit L2 norm, or empty for a document without terms.
using TermVector = std::vector<TermWeight>;

// Pseudo-documents in which every term is assumed absent, so that a term in
// every document of a tiny corpus keeps a small weight (two documents alone
// are still compared on their shared words).
inline constexpr double kPriorDocuments = 1;

// A term seen in one document weighs as if seen in this many: terms only one
// document has never add to a similarity, they only dilute it, so over-weighting
// them (as plain IDF does on small corpora) would push every cosine down.
inline constexpr uint32_t kLeastDocumentFrequency = 2;

// Weight of term t in document d:
//   (1 + ln count) * ln((N + P + 1) / (max(df, kLeastDocumentFrequency) + 1)),
// N = documents, P = kPriorDocuments, df = documents containing t; then the
// vector is scaled to unit length. Deterministic; runs on `threads` threads.
// Takes `documents` by value and frees each one's counts once weighed, so
// that the counts and the vectors of a large corpus are not all held at once.
std::vector<TermVector> WeighTerms(std::vector<std::vector<TermCount>> documents,
                                   int threads);

// Cosine similarity of two unit vectors (their dot product).
double Cosine(const TermVector& a, const TermVector& b);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_TERM_WEIGHTS_H_
