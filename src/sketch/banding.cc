#include "sketch/banding.h"

#include <algorithm>

#include "util/parallel.h"
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

// Candidate pairs of one band, in the order of sorted keys.
std::vector<CandidatePair> BandCandidates(absl::Span<const uint32_t> signatures,
                                          int num_perm, const std::vector<bool>& eligible,
                                          BandsRows bands_rows, int band) {
  std::vector<KeyedSlot> keyed;
  const size_t count = signatures.size() / static_cast<size_t>(num_perm);
  keyed.reserve(count);
  for (size_t slot = 0; slot < count; ++slot) {
    if (!eligible[slot]) continue;
    keyed.push_back({BandKey(signatures.data() + slot * num_perm, bands_rows, band),
                     static_cast<uint32_t>(slot)});
  }
  std::sort(keyed.begin(), keyed.end());
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

std::vector<CandidatePair> FindCandidates(absl::Span<const uint32_t> signatures,
                                          int num_perm, const std::vector<bool>& eligible,
                                          BandsRows bands_rows, int threads) {
  std::vector<std::vector<CandidatePair>> per_band(static_cast<size_t>(bands_rows.bands));
  util::ParallelFor(per_band.size(), threads, [&](size_t band) {
    per_band[band] = BandCandidates(signatures, num_perm, eligible, bands_rows,
                                    static_cast<int>(band));
    std::sort(per_band[band].begin(), per_band[band].end());
  });
  std::vector<CandidatePair> all;
  size_t total = 0;
  for (const auto& pairs : per_band) total += pairs.size();
  all.reserve(total);
  for (auto& pairs : per_band) {
    all.insert(all.end(), pairs.begin(), pairs.end());
    std::vector<CandidatePair>().swap(pairs);
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

}  // namespace neardup::sketch
