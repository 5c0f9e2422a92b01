// Turns a document's tokens into its set of hashed shingles.
#ifndef NEARDUP_SKETCH_SHINGLES_H_
#define NEARDUP_SKETCH_SHINGLES_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "neardup/options.h"
#include "text/tokenizer.h"

namespace neardup::sketch {

// Shingler: the tokens are cut into runs of one kind (words of space-separated
// scripts, or characters of scripts written without spaces); a run yields its
// n-grams of `word_ngram` words or `char_ngram` characters. A run shorter than
// its n yields one shingle of the whole run, so a short document still has a
// signature that only an identical short document shares. A shingle's hash
// depends on the signature scheme, whose signatures an index keeps:
// kClassic: one XXH3-64 of its token hashes, salted by the run kind;
// kFastSimilarity: the multilinear hash seed + sum of m_j * hash_j mod 2^64
// (fixed odd m_j per position, seed by run kind) through SplitMix64's
// finalizer, which vectorizes over a run's windows. Shingles come in token
// order, repeats included: a document's shingle set is the set of these
// values, which is empty only for a document without tokens (MinHash and
// ExactJaccard ignore order and repeats, so nothing sorts them).
// Thread-compatible: use one Shingler per thread (it reuses a buffer).
class Shingler {
 public:
  Shingler(int word_ngram, int char_ngram, SketchScheme scheme);

  // Replaces `*shingles` with the shingles of `tokens`, in token order.
  void Shingle(absl::Span<const text::Token> tokens, std::vector<uint64_t>* shingles);

 private:
  void AddRun(absl::Span<const text::Token> run, std::vector<uint64_t>* out);

  int word_ngram_;
  int char_ngram_;
  SketchScheme scheme_;
  std::vector<uint64_t> multipliers_;  // kFastSimilarity: m_j of window position j
  std::vector<uint64_t> run_hashes_;
};

}  // namespace neardup::sketch

#endif  // NEARDUP_SKETCH_SHINGLES_H_
