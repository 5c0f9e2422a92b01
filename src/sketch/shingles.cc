#include "sketch/shingles.h"

#include <algorithm>
#include <vector>

// Inlined XXH3 (same hash values as the library) so the fixed-width shingle
// hash of the hot loop is not a call into libxxhash.
#define XXH_INLINE_ALL
#include "xxhash.h"

#include "util/split_mix.h"
#include "util/vector_clones.h"

namespace neardup::sketch {
namespace {
// Distinguish a word shingle from a character shingle over the same hashes.
constexpr uint64_t kWordRunSeed = 0x6e65617264757001ULL;
constexpr uint64_t kCharRunSeed = 0x6e65617264757002ULL;

// The hash of each window of kWidth consecutive token hashes; with the length
// a constant, the inlined XXH3 loses its length dispatch.
template <size_t kWidth>
void HashWindows(const uint64_t* hashes, size_t count, uint64_t seed,
                 std::vector<uint64_t>* out) {
  for (size_t i = 0; i < count; ++i) {
    out->push_back(XXH3_64bits_withSeed(hashes + i, kWidth * sizeof(uint64_t), seed));
  }
}

// out[i] = Mix64(seed + sum over j < width of multipliers[j] * hashes[i + j])
// for i in [0, count); kWidth > 0 fixes the width at compile time.
template <size_t kWidth>
__attribute__((always_inline)) inline void CombineWindowsOf(
    const uint64_t* hashes, size_t count, size_t width, const uint64_t* multipliers,
    uint64_t seed, uint64_t* out) {
  if constexpr (kWidth > 0) width = kWidth;
  for (size_t i = 0; i < count; ++i) {
    uint64_t h = seed;
    for (size_t j = 0; j < width; ++j) h += multipliers[j] * hashes[i + j];
    out[i] = util::Mix64(h);
  }
}

// CombineWindowsOf with the usual n-gram sizes (3, 5) fixed, so the windows
// vectorize. Built for AVX-512, AVX2 and the baseline, picked at load time.
NEARDUP_VECTOR_CLONES
void CombineWindows(const uint64_t* hashes, size_t count, size_t width,
                    const uint64_t* multipliers, uint64_t seed, uint64_t* out) {
  switch (width) {
    case 3: return CombineWindowsOf<3>(hashes, count, width, multipliers, seed, out);
    case 5: return CombineWindowsOf<5>(hashes, count, width, multipliers, seed, out);
    default: return CombineWindowsOf<0>(hashes, count, width, multipliers, seed, out);
  }
}

}  // namespace

Shingler::Shingler(int word_ngram, int char_ngram, SketchScheme scheme)
    : word_ngram_(std::max(1, word_ngram)), char_ngram_(std::max(1, char_ngram)),
      scheme_(scheme) {
  if (scheme_ != SketchScheme::kFastSimilarity) return;
  uint64_t state = 0x6e656172647570ULL;  // fixed: shingle hashes never depend on --seed
  multipliers_.resize(static_cast<size_t>(std::max(word_ngram_, char_ngram_)));
  for (uint64_t& m : multipliers_) m = util::SplitMix64(&state) | 1;
}

void Shingler::Shingle(absl::Span<const text::Token> tokens, std::vector<uint64_t>* shingles) {
  shingles->clear();
  size_t run_start = 0;
  for (size_t i = 1; i <= tokens.size(); ++i) {
    if (i == tokens.size() || tokens[i].unspaced != tokens[run_start].unspaced) {
      AddRun(tokens.subspan(run_start, i - run_start), shingles);
      run_start = i;
    }
  }
}

void Shingler::AddRun(absl::Span<const text::Token> run, std::vector<uint64_t>* out) {
  if (run.empty()) return;
  const bool unspaced = run.front().unspaced;
  const size_t n = static_cast<size_t>(unspaced ? char_ngram_ : word_ngram_);
  const uint64_t seed = unspaced ? kCharRunSeed : kWordRunSeed;
  run_hashes_.resize(run.size());
  for (size_t i = 0; i < run.size(); ++i) run_hashes_[i] = run[i].hash;
  const size_t width = std::min(n, run.size());
  const size_t count = run.size() - width + 1;
  if (scheme_ == SketchScheme::kFastSimilarity) {
    const size_t at = out->size();
    out->resize(at + count);
    return CombineWindows(run_hashes_.data(), count, width, multipliers_.data(), seed,
                          out->data() + at);
  }
  out->reserve(out->size() + count);
  switch (width) {  // the usual n-gram sizes get a hash of constant length
    case 3: return HashWindows<3>(run_hashes_.data(), count, seed, out);
    case 5: return HashWindows<5>(run_hashes_.data(), count, seed, out);
    default:
      for (size_t i = 0; i < count; ++i) {
        out->push_back(XXH3_64bits_withSeed(&run_hashes_[i], width * sizeof(uint64_t), seed));
      }
  }
}

}  // namespace neardup::sketch
