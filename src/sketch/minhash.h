// MinHash signatures of shingle sets and their Jaccard estimate.
#ifndef NEARDUP_SKETCH_MINHASH_H_
#define NEARDUP_SKETCH_MINHASH_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace neardup::sketch {

// MinHasher: slot i of a signature is min over shingles x of
// h_i(x) = high 32 bits of (a_i * x + b_i) mod 2^64, with odd a_i and b_i
// drawn from a SplitMix64 stream of `seed`. Shingles are already uniform
// 64-bit hashes, so one hash per shingle serves all slots. An empty set gets
// all-ones slots (and must not be banded: the caller marks it empty).
// Immutable after construction; Sign() is thread-safe.
class MinHasher {
 public:
  MinHasher(int num_perm, uint64_t seed);

  int num_perm() const { return static_cast<int>(mul_.size()); }

  // Writes num_perm() slots to `signature`.
  void Sign(absl::Span<const uint64_t> shingles, uint32_t* signature) const;

 private:
  std::vector<uint64_t> mul_;
  std::vector<uint64_t> add_;
};

// Fraction of equal slots: an unbiased estimate of the Jaccard similarity.
double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b);

// Exact Jaccard similarity of two sorted, duplicate-free sets. Two empty sets
// have similarity 0 (an empty document is like nothing).
double ExactJaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

}  // namespace neardup::sketch

#endif  // NEARDUP_SKETCH_MINHASH_H_
