// LSH banding: candidate pairs from MinHash signatures.
#ifndef NEARDUP_SKETCH_BANDING_H_
#define NEARDUP_SKETCH_BANDING_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "sketch/lsh_params.h"

namespace neardup::sketch {

// A pair of document slots (positions in the signature table), first < second.
using CandidatePair = std::pair<uint32_t, uint32_t>;

// The key of band `band` of one signature: XXH3-64 of its `rows` slots, seeded
// by the band number. Documents sharing a band key are candidates.
uint64_t BandKey(const uint32_t* signature, BandsRows bands_rows, int band);

// Finds candidate pairs among `count` signatures of `num_perm` slots stored
// back to back in `signatures`; documents whose `eligible` flag is false
// (empty documents) take no part. Within one bucket every pair is a candidate
// up to kMaxBucketForAllPairs members; a larger bucket (mostly exact copies)
// pairs each member with the bucket's first member and its predecessor, which
// keeps the cost linear while union-find still joins the bucket. The result is
// sorted and duplicate-free, so it does not depend on `threads`.
inline constexpr size_t kMaxBucketForAllPairs = 64;
std::vector<CandidatePair> FindCandidates(absl::Span<const uint32_t> signatures,
                                          int num_perm, const std::vector<bool>& eligible,
                                          BandsRows bands_rows, int threads);

}  // namespace neardup::sketch

#endif  // NEARDUP_SKETCH_BANDING_H_
