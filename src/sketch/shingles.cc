#include "sketch/shingles.h"

#include <algorithm>

#include "xxhash.h"

namespace neardup::sketch {
namespace {
// Distinguish a word shingle from a character shingle over the same hashes.
constexpr uint64_t kWordRunSeed = 0x6e65617264757001ULL;
constexpr uint64_t kCharRunSeed = 0x6e65617264757002ULL;
}  // namespace

Shingler::Shingler(int word_ngram, int char_ngram)
    : word_ngram_(std::max(1, word_ngram)), char_ngram_(std::max(1, char_ngram)) {}

void Shingler::Shingle(absl::Span<const text::Token> tokens,
                       std::vector<uint64_t>* shingles) {
  shingles->clear();
  size_t run_start = 0;
  for (size_t i = 1; i <= tokens.size(); ++i) {
    if (i == tokens.size() || tokens[i].unspaced != tokens[run_start].unspaced) {
      AddRun(tokens.subspan(run_start, i - run_start), shingles);
      run_start = i;
    }
  }
  std::sort(shingles->begin(), shingles->end());
  shingles->erase(std::unique(shingles->begin(), shingles->end()), shingles->end());
}

void Shingler::AddRun(absl::Span<const text::Token> run, std::vector<uint64_t>* out) {
  if (run.empty()) return;
  const bool unspaced = run.front().unspaced;
  const size_t n = static_cast<size_t>(unspaced ? char_ngram_ : word_ngram_);
  const uint64_t seed = unspaced ? kCharRunSeed : kWordRunSeed;
  run_hashes_.resize(run.size());
  for (size_t i = 0; i < run.size(); ++i) run_hashes_[i] = run[i].hash;
  const size_t width = std::min(n, run.size());
  for (size_t i = 0; i + width <= run.size(); ++i) {
    out->push_back(XXH3_64bits_withSeed(&run_hashes_[i], width * sizeof(uint64_t), seed));
  }
}

}  // namespace neardup::sketch
