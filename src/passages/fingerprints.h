// Winnowed fingerprints of word k-grams: the small, position-tagged sample of
// a document's k-gram hashes that repeated-passage search keeps in memory.
#ifndef NEARDUP_PASSAGES_FINGERPRINTS_H_
#define NEARDUP_PASSAGES_FINGERPRINTS_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "text/tokenizer.h"

namespace neardup::passages {

// A selected k-gram: its hash and the index of its first token.
struct Fingerprint {
  uint64_t hash = 0;
  uint32_t position = 0;
};

// k: words per k-gram; window: k-grams per winnowing window. Winnowing
// guarantees that two token sequences sharing a run of at least
// k + window - 1 tokens share a selected fingerprint hash.
struct WinnowingParams {
  int k = 8;
  int window = 33;
};

// The parameters for a minimum passage length: k + window - 1 == min_words,
// with k between 3 and 8 (k = min_words / 5, so shorter passages use shorter
// k-grams). min_words must be >= 3.
WinnowingParams ChooseWinnowing(int min_words);

// Appends to `out` the winnowed fingerprints of `tokens` in increasing
// position: in each window of `window` consecutive k-gram hashes the smallest
// (the rightmost on ties) is selected, once. A sequence with at least one but
// fewer than `window` k-grams yields its smallest; fewer than k tokens yield
// nothing. Pure function.
void Winnow(absl::Span<const text::Token> tokens, const WinnowingParams& params,
            std::vector<Fingerprint>* out);

}  // namespace neardup::passages

#endif  // NEARDUP_PASSAGES_FINGERPRINTS_H_
