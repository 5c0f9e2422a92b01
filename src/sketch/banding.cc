#include "sketch/banding.h"

#include <algorithm>
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

// Candidate pairs of one band from its keyed slots, which it sorts.
std::vector<CandidatePair> BandCandidates(std::vector<KeyedSlot>& keyed,
                                          util::UniformSortBuffers<KeyedSlot>* buffers) {
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
  // The keyed slots of one pass's bands, and the sorts' work space, one per
  // lane of bands sorted in turn on one thread: reused by every pass.
  std::vector<std::vector<KeyedSlot>> keyed(
      static_cast<size_t>(std::min(kBandsPerPass, bands_rows.bands)));
  const size_t lanes = std::min(keyed.size(), static_cast<size_t>(util::ResolveThreads(threads)));
  std::vector<util::UniformSortBuffers<KeyedSlot>> sort_buffers(lanes);
  // The pairs each lane found so far, each once: most pairs share several
  // bands, so these stay far smaller than all bands' pairs together.
  std::vector<absl::flat_hash_set<CandidatePair>> found(lanes);
  for (int first = 0; first < bands_rows.bands; first += kBandsPerPass) {
    const int pass_bands = std::min(kBandsPerPass, bands_rows.bands - first);
    for (int j = 0; j < pass_bands; ++j) keyed[static_cast<size_t>(j)].resize(block_start[blocks]);
    util::ParallelFor(blocks, threads, [&](size_t b) {
      thread_local std::vector<uint64_t> keys;
      keys.resize(kKeyBlock);
      const auto begin = static_cast<uint32_t>(b * kKeyBlock);
      const auto end = static_cast<uint32_t>(std::min<size_t>(count, (b + 1) * kKeyBlock));
      for (int j = 0; j < pass_bands; ++j) {
        band_keys(first + j, begin, end - begin, keys.data());
        KeyedSlot* out = keyed[static_cast<size_t>(j)].data() + block_start[b];
        for (uint32_t slot = begin; slot < end; ++slot) {
          if (eligible[slot]) *out++ = {keys[slot - begin], slot};
        }
      }
    });
    util::ParallelFor(lanes, threads, [&](size_t lane) {
      for (size_t j = lane; j < static_cast<size_t>(pass_bands); j += lanes) {
        const std::vector<CandidatePair> pairs = BandCandidates(keyed[j], &sort_buffers[lane]);
        found[lane].insert(pairs.begin(), pairs.end());
      }
    });
  }
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
