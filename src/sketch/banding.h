// LSH banding: candidate pairs from MinHash signatures.
#ifndef NEARDUP_SKETCH_BANDING_H_
#define NEARDUP_SKETCH_BANDING_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"
#include "sketch/lsh_params.h"

namespace neardup::sketch {

// A pair of document slots (positions in the signature table), first < second.
using CandidatePair = std::pair<uint32_t, uint32_t>;

// The key of band `band` of one signature: XXH3-64 of its `rows` slots, seeded
// by the band number. Documents sharing a band key are candidates.
uint64_t BandKey(const uint32_t* signature, BandsRows bands_rows, int band);
// Writes the key of every band of one signature to keys[0, bands).
void BandKeys(const uint32_t* signature, BandsRows bands_rows, uint64_t* keys);

// Writes band `band`'s keys of slots [first, first + count) to `keys`.
// FindCandidates calls it from several threads at once, for blocks of at most
// kKeyBlock slots that start at a multiple of kKeyBlock.
using BandKeysFn =
    absl::FunctionRef<void(int band, uint32_t first, uint32_t count, uint64_t* keys)>;
inline constexpr uint32_t kKeyBlock = 4096;

// Finds candidate pairs among slots [0, count), given their band keys;
// documents whose `eligible` flag is false (empty documents) take no part.
// Within one bucket every pair is a candidate up to kMaxBucketForAllPairs
// members; a larger bucket (mostly exact copies) pairs each member with the
// bucket's first member and its predecessor, which keeps the cost linear while
// union-find still joins the bucket. The result is sorted and duplicate-free,
// so it does not depend on `threads`. Each thread keys and sorts one band at
// a time, so memory holds the keys of `threads` bands (16 bytes a document
// each, and as much again to sort them), never all of them.
inline constexpr size_t kMaxBucketForAllPairs = 64;
std::vector<CandidatePair> FindCandidates(uint32_t count, BandKeysFn band_keys,
                                          const std::vector<bool>& eligible,
                                          BandsRows bands_rows, int threads);
// The same over `num_perm`-slot signatures stored back to back, whose band
// keys it computes.
std::vector<CandidatePair> FindCandidates(absl::Span<const uint32_t> signatures,
                                          int num_perm, const std::vector<bool>& eligible,
                                          BandsRows bands_rows, int threads);

}  // namespace neardup::sketch

#endif  // NEARDUP_SKETCH_BANDING_H_
