#include "sketch/minhash.h"

#include <algorithm>
#include <limits>

namespace neardup::sketch {
namespace {

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Slots are updated in blocks of kSlotBlock: a block's multipliers, addends
// and running minima stay in vector registers while every shingle passes over
// it, so the inner loop does no memory traffic but the shingle load. The
// minimum is kept over the whole 64-bit values a_i * x + b_i: their high
// halves rise with them, so the high half of the minimum is the minimum of
// the high halves, and the loop needs no shift or narrowing per shingle.
// 32 slots are 4+4+4 64-bit vectors of AVX-512.
constexpr size_t kSlotBlock = 32;

// The hot loop: for each shingle, one multiply-add per slot and a min.
// target_clones builds an x86-64-v4 (AVX-512 with the DQ 64-bit multiply) and
// an AVX2 version next to the baseline and picks one at load time.
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
void UpdateSlots(const uint64_t* shingles, size_t num_shingles, const uint64_t* mul,
                 const uint64_t* add, uint32_t* slots, size_t num_slots) {
  size_t first = 0;
  for (; first + kSlotBlock <= num_slots; first += kSlotBlock) {
    uint64_t block_mul[kSlotBlock], block_add[kSlotBlock], block_min[kSlotBlock];
    for (size_t i = 0; i < kSlotBlock; ++i) {
      block_mul[i] = mul[first + i];
      block_add[i] = add[first + i];
      block_min[i] = ~uint64_t{0};
    }
    for (size_t s = 0; s < num_shingles; ++s) {
      const uint64_t x = shingles[s];
      for (size_t i = 0; i < kSlotBlock; ++i) {
        block_min[i] = std::min(block_min[i], block_mul[i] * x + block_add[i]);
      }
    }
    for (size_t i = 0; i < kSlotBlock; ++i) {
      slots[first + i] = std::min(slots[first + i], static_cast<uint32_t>(block_min[i] >> 32));
    }
  }
  for (size_t s = 0; s < num_shingles; ++s) {
    const uint64_t x = shingles[s];
    for (size_t i = first; i < num_slots; ++i) {
      const uint32_t h = static_cast<uint32_t>((mul[i] * x + add[i]) >> 32);
      slots[i] = std::min(slots[i], h);
    }
  }
}

}  // namespace

MinHasher::MinHasher(int num_perm, uint64_t seed) {
  uint64_t state = seed;
  mul_.resize(static_cast<size_t>(std::max(1, num_perm)));
  add_.resize(mul_.size());
  for (size_t i = 0; i < mul_.size(); ++i) {
    mul_[i] = SplitMix64(&state) | 1;
    add_[i] = SplitMix64(&state);
  }
}

void MinHasher::Sign(absl::Span<const uint64_t> shingles, uint32_t* signature) const {
  std::fill(signature, signature + mul_.size(), std::numeric_limits<uint32_t>::max());
  UpdateSlots(shingles.data(), shingles.size(), mul_.data(), add_.data(), signature,
              mul_.size());
}

double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b) {
  const size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0.0;
  size_t equal = 0;
  for (size_t i = 0; i < n; ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(n);
}

double ExactJaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 0.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace neardup::sketch
