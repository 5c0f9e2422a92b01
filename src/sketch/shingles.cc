#include "sketch/shingles.h"

#include <algorithm>
#include <vector>

// Inlined XXH3 (same hash values as the library) so the fixed-width shingle
// hash of the hot loop is not a call into libxxhash.
#define XXH_INLINE_ALL
#include "xxhash.h"

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

}  // namespace

Shingler::Shingler(int word_ngram, int char_ngram)
    : word_ngram_(std::max(1, word_ngram)), char_ngram_(std::max(1, char_ngram)) {}

void Shingler::ShingleUnsorted(absl::Span<const text::Token> tokens,
                               std::vector<uint64_t>* shingles) {
  shingles->clear();
  size_t run_start = 0;
  for (size_t i = 1; i <= tokens.size(); ++i) {
    if (i == tokens.size() || tokens[i].unspaced != tokens[run_start].unspaced) {
      AddRun(tokens.subspan(run_start, i - run_start), shingles);
      run_start = i;
    }
  }
}

void Shingler::Shingle(absl::Span<const text::Token> tokens,
                       std::vector<uint64_t>* shingles) {
  ShingleUnsorted(tokens, shingles);
  SortUniform(shingles);
  shingles->erase(std::unique(shingles->begin(), shingles->end()), shingles->end());
}

// Shingle hashes are uniform, so a bucket pass on the top bits (about one
// value per bucket) followed by an insertion sort of each bucket sorts in
// linear time. A bucket that grows past kMaxInsertionSort (only crafted input
// does that) is sorted with std::sort, so the worst case stays n log n.
void Shingler::SortUniform(std::vector<uint64_t>* values) {
  constexpr size_t kSmall = 64;
  constexpr size_t kMaxInsertionSort = 16;
  const size_t n = values->size();
  if (n <= kSmall) {
    std::sort(values->begin(), values->end());
    return;
  }
  int bits = 1;
  while ((size_t{1} << bits) < n && bits < 20) ++bits;
  const int shift = 64 - bits;
  const size_t buckets = size_t{1} << bits;
  bucket_starts_.assign(buckets + 1, 0);
  for (uint64_t v : *values) ++bucket_starts_[(v >> shift) + 1];
  for (size_t b = 0; b < buckets; ++b) bucket_starts_[b + 1] += bucket_starts_[b];
  sort_buffer_.resize(n);
  bucket_fill_.assign(bucket_starts_.begin(), bucket_starts_.end() - 1);
  for (uint64_t v : *values) sort_buffer_[bucket_fill_[v >> shift]++] = v;
  for (size_t b = 0; b < buckets; ++b) {
    uint64_t* first = sort_buffer_.data() + bucket_starts_[b];
    uint64_t* last = sort_buffer_.data() + bucket_starts_[b + 1];
    if (last - first > static_cast<ptrdiff_t>(kMaxInsertionSort)) {
      std::sort(first, last);
      continue;
    }
    for (uint64_t* i = first + 1; i < last; ++i) {
      const uint64_t v = *i;
      uint64_t* j = i;
      for (; j > first && *(j - 1) > v; --j) *j = *(j - 1);
      *j = v;
    }
  }
  values->swap(sort_buffer_);
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
