// MinHash signatures of shingle sets and their Jaccard estimate.
#ifndef NEARDUP_SKETCH_MINHASH_H_
#define NEARDUP_SKETCH_MINHASH_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "neardup/options.h"

namespace neardup::sketch {

// MinHasher: turns a shingle set into num_perm 32-bit slots such that the
// fraction of equal slots of two signatures (EstimateJaccard) estimates the
// Jaccard similarity of the two sets. Shingles are already uniform 64-bit
// hashes; the multipliers a and addends b are drawn from a SplitMix64 stream
// of `seed` (multipliers odd, so x -> a * x + b mod 2^64 is a bijection).
//
// kClassic: slot i is min over shingles x of the high 32 bits of
// a_i * x + b_i: num_perm multiply-adds per shingle.
//
// kFastSimilarity (the fast similarity sketch of Dahlgaard, Knudsen and
// Thorup, 2017): in round r every shingle x gets the value y = a_r * x + b_r
// and goes to one slot: the one y's high bits pick while r < num_perm, then
// slot (s_0(x) + r) mod num_perm, where s_0(x) is its slot in round 0, so
// every slot is reached by round 2 * num_perm - 1. A slot keeps the smallest
// value of the first round that reaches it, as a 32-bit fingerprint of
// (round, value); rounds stop once every slot is filled, after one or two for
// a news article's few hundred shingles. Each shingle of the union of two sets
// is equally likely to be the one that fills a slot, so the estimate is
// unbiased; the slots one round fills hold different shingles, where
// kClassic's slots may repeat one, and its error is no larger
// (tests/sketch/sketch_test.cc). It costs one multiply-add per shingle and
// round.
//
// An empty set gets all-ones slots (and must not be banded: the caller marks
// it empty). Immutable after construction; Sign() is thread-safe.
class MinHasher {
 public:
  MinHasher(int num_perm, uint64_t seed, SketchScheme scheme);

  int num_perm() const { return num_perm_; }

  // Writes num_perm() slots to `signature`. Repeated shingles and their order
  // do not change the result.
  void Sign(absl::Span<const uint64_t> shingles, uint32_t* signature) const;

 private:
  void SignFastSimilarity(absl::Span<const uint64_t> shingles, uint32_t* signature) const;

  int num_perm_;
  SketchScheme scheme_;
  // kClassic: one pair per slot; kFastSimilarity: one pair per round.
  std::vector<uint64_t> mul_;
  std::vector<uint64_t> add_;
};

// Fraction of equal slots: an unbiased estimate of the Jaccard similarity.
double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b);

// Exact Jaccard similarity of the sets of values of `a` and `b`, in any order
// and with repeats (a document's shingles in token order will do), counted
// in a hash table, so neither needs sorting. Two empty sets have similarity
// 0 (an empty document is like nothing). Thread-safe.
double ExactJaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

}  // namespace neardup::sketch

#endif  // NEARDUP_SKETCH_MINHASH_H_
