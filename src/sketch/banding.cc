#include "sketch/banding.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "util/parallel.h"
#include "util/uniform_sort.h"
// Inlined XXH3 (the same values as the library) for the band keys.
#define XXH_INLINE_ALL
#include "xxhash.h"

namespace neardup::sketch {
namespace {

struct KeyedSlot {
  uint64_t key;
  uint32_t slot;
  bool operator<(const KeyedSlot& other) const {
    return key != other.key ? key < other.key : slot < other.slot;
  }
};

void EmitBucket(absl::Span<const KeyedSlot> bucket, std::vector<CandidatePair>* out) {
  if (bucket.size() <= kMaxBucketForAllPairs) {
    for (size_t i = 0; i < bucket.size(); ++i) {
      for (size_t j = i + 1; j < bucket.size(); ++j) {
        out->emplace_back(bucket[i].slot, bucket[j].slot);
      }
    }
    return;
  }
  for (size_t i = 1; i < bucket.size(); ++i) {
    out->emplace_back(bucket[0].slot, bucket[i].slot);
    if (i > 1) out->emplace_back(bucket[i - 1].slot, bucket[i].slot);
  }
}

// Sorts `keyed` by (key, slot); band keys are uniform hashes, so this takes
// linear time.
void SortKeyed(std::vector<KeyedSlot>* keyed, util::UniformSortBuffers<KeyedSlot>* buffers) {
  constexpr int kMaxBucketBits = 24;
  util::SortByUniformKey(
      keyed, [](const KeyedSlot& k) { return k.key; }, std::less<KeyedSlot>(), kMaxBucketBits,
      buffers);
}

// Bit tables of DropUniqueKeys, reused band after band.
struct KeyFilter {
  std::vector<uint64_t> seen, repeated;
};

// Removes from `keyed`, keeping the order of the rest, slots whose key no
// other slot has, all but about one in 8 of them: a table of 8 bits per slot,
// indexed by the key's top bits (band keys are uniform hashes), keeps every
// slot whose bit is hit more than once. A removed slot makes no pair, so the
// band's pairs stay the same, and fewer slots are sorted.
void DropUniqueKeys(std::vector<KeyedSlot>* keyed, KeyFilter* filter) {
  const size_t bits = std::max<size_t>(size_t{1} << 16, std::bit_ceil(keyed->size() * 8));
  const int shift = 64 - std::countr_zero(bits);
  filter->seen.assign(bits / 64, 0);
  filter->repeated.assign(bits / 64, 0);
  for (const KeyedSlot& k : *keyed) {
    const uint64_t bit = k.key >> shift;
    const uint64_t mask = uint64_t{1} << (bit & 63);
    filter->repeated[bit >> 6] |= filter->seen[bit >> 6] & mask;
    filter->seen[bit >> 6] |= mask;
  }
  keyed->erase(std::remove_if(keyed->begin(), keyed->end(),
                              [&](const KeyedSlot& k) {
                                const uint64_t bit = k.key >> shift;
                                return ((filter->repeated[bit >> 6] >> (bit & 63)) & 1) == 0;
                              }),
               keyed->end());
}

// Candidate pairs of one band from its keyed slots, which it filters and
// sorts.
std::vector<CandidatePair> BandCandidates(std::vector<KeyedSlot>& keyed, KeyFilter* filter,
                                          util::UniformSortBuffers<KeyedSlot>* buffers) {
  DropUniqueKeys(&keyed, filter);
  SortKeyed(&keyed, buffers);
  std::vector<CandidatePair> pairs;
  size_t start = 0;
  for (size_t i = 1; i <= keyed.size(); ++i) {
    if (i == keyed.size() || keyed[i].key != keyed[start].key) {
      if (i - start > 1) {
        EmitBucket(absl::MakeConstSpan(keyed).subspan(start, i - start), &pairs);
      }
      start = i;
    }
  }
  return pairs;
}

}  // namespace

uint64_t BandKey(const uint32_t* signature, BandsRows bands_rows, int band) {
  return XXH3_64bits_withSeed(signature + static_cast<size_t>(band) * bands_rows.rows,
                              static_cast<size_t>(bands_rows.rows) * sizeof(uint32_t),
                              static_cast<uint64_t>(band));
}

void BandKeys(const uint32_t* signature, BandsRows bands_rows, uint64_t* keys) {
  for (int band = 0; band < bands_rows.bands; ++band) {
    keys[band] = BandKey(signature, bands_rows, band);
  }
}

std::vector<CandidatePair> FindCandidates(uint32_t count, BandKeysFn band_keys,
                                          const std::vector<bool>& eligible,
                                          BandsRows bands_rows, int threads) {
  // Where each block's eligible slots go in a band's keyed vector.
  const size_t blocks = (static_cast<size_t>(count) + kKeyBlock - 1) / kKeyBlock;
  std::vector<size_t> block_start(blocks + 1, 0);
  for (size_t b = 0; b < blocks; ++b) {
    const uint32_t end = static_cast<uint32_t>(std::min<size_t>(count, (b + 1) * kKeyBlock));
    size_t eligible_in_block = 0;
    for (uint32_t slot = static_cast<uint32_t>(b * kKeyBlock); slot < end; ++slot) {
      eligible_in_block += eligible[slot] ? 1 : 0;
    }
    block_start[b + 1] = block_start[b] + eligible_in_block;
  }
  // Each lane (a thread's share) takes the next band not taken yet, keys its
  // eligible slots, sorts them and gathers the band's pairs in its own set:
  // most pairs share several bands, so the sets stay far smaller than all
  // bands' pairs together. A lane's buffers serve every band it takes.
  const size_t lanes = std::min(static_cast<size_t>(bands_rows.bands),
                                static_cast<size_t>(util::ResolveThreads(threads)));
  std::vector<absl::flat_hash_set<CandidatePair>> found(lanes);
  std::atomic<int> next_band{0};
  util::ParallelFor(lanes, threads, [&](size_t lane) {
    std::vector<KeyedSlot> keyed;
    KeyFilter filter;
    util::UniformSortBuffers<KeyedSlot> sort_buffers;
    std::vector<uint64_t> keys(kKeyBlock);
    for (int band = next_band.fetch_add(1); band < bands_rows.bands;
         band = next_band.fetch_add(1)) {
      keyed.resize(block_start[blocks]);
      for (size_t b = 0; b < blocks; ++b) {
        const auto begin = static_cast<uint32_t>(b * kKeyBlock);
        const auto end = static_cast<uint32_t>(std::min<size_t>(count, (b + 1) * kKeyBlock));
        band_keys(band, begin, end - begin, keys.data());
        KeyedSlot* out = keyed.data() + block_start[b];
        for (uint32_t slot = begin; slot < end; ++slot) {
          if (eligible[slot]) *out++ = {keys[slot - begin], slot};
        }
      }
      const std::vector<CandidatePair> pairs = BandCandidates(keyed, &filter, &sort_buffers);
      found[lane].insert(pairs.begin(), pairs.end());
    }
  });
  for (size_t lane = 1; lane < lanes; ++lane) {
    found[0].insert(found[lane].begin(), found[lane].end());
    absl::flat_hash_set<CandidatePair>().swap(found[lane]);
  }
  std::vector<CandidatePair> all(found[0].begin(), found[0].end());
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<CandidatePair> FindCandidates(absl::Span<const uint32_t> signatures,
                                          int num_perm, const std::vector<bool>& eligible,
                                          BandsRows bands_rows, int threads) {
  const size_t width = static_cast<size_t>(num_perm);
  return FindCandidates(
      static_cast<uint32_t>(signatures.size() / width),
      [&](int band, uint32_t first, uint32_t count, uint64_t* keys) {
        for (uint32_t i = 0; i < count; ++i) {
          keys[i] = BandKey(signatures.data() + (first + i) * width, bands_rows, band);
        }
      },
      eligible, bands_rows, threads);
}

}  // namespace neardup::sketch
