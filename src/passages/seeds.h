// Seeds: pairs of positions (a later occurrence, an earlier one) sharing a
// winnowed k-gram fingerprint, found across all documents by sorting
// fingerprints in hash-sliced passes.
#ifndef NEARDUP_PASSAGES_SEEDS_H_
#define NEARDUP_PASSAGES_SEEDS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "passages/fingerprints.h"
#include "passages/passage_finder.h"

namespace neardup::passages {

// Document `slot` (an index into the searched docs) at token `position`
// shares its k-gram with `source_slot` at `source_position`, an earlier
// occurrence (source_slot < slot, or equal with source_position < position).
// `group_docs`: how many documents hold that k-gram as a fingerprint.
struct Seed {
  uint32_t slot = 0, position = 0;
  uint32_t source_slot = 0, source_position = 0;
  uint32_t group_docs = 0;

  friend bool operator==(const Seed&, const Seed&) = default;
};

// Every seed among `docs`, sorted by (slot, source_slot, position,
// source_position), without duplicates. Each occurrence of a fingerprint is
// paired with the first occurrence of that fingerprint and with the one just
// before it, so a k-gram also present in an unrelated earlier document does
// not hide the real source; at most 4 occurrences per document and
// fingerprint take part (bounds the work on degenerate, periodic text).
// Deterministic whatever `threads`.
std::vector<Seed> CollectSeeds(absl::Span<const uint64_t> docs, const TokenSource& source,
                               const WinnowingParams& params, int threads,
                               size_t max_fingerprints_per_pass);

}  // namespace neardup::passages

#endif  // NEARDUP_PASSAGES_SEEDS_H_
