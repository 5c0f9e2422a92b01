#include "sketch/minhash.h"

#include <algorithm>
#include <limits>

#include "absl/container/inlined_vector.h"
#include "util/split_mix.h"
#include "util/vector_clones.h"

namespace neardup::sketch {
namespace {

// Slots are updated in blocks of kSlotBlock: a block's multipliers, addends
// and running minima stay in vector registers while every shingle passes over
// it, so the inner loop does no memory traffic but the shingle load. The
// minimum is kept over the whole 64-bit values a_i * x + b_i: their high
// halves rise with them, so the high half of the minimum is the minimum of
// the high halves, and the loop needs no shift or narrowing per shingle.
// 32 slots are 4+4+4 64-bit vectors of AVX-512.
constexpr size_t kSlotBlock = 32;

// The hot loop: for each shingle, one multiply-add per slot and a min.
// Built for x86-64-v4 (AVX-512 with the DQ 64-bit multiply), AVX2 and the
// baseline, one picked at load time.
NEARDUP_VECTOR_CLONES
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

// The slot among `num_slots` that a value's high 32 bits pick.
inline uint32_t SlotOf(uint64_t value, uint64_t num_slots) {
  return static_cast<uint32_t>(((value >> 32) * num_slots) >> 32);
}

// A 32-bit fingerprint of a fast-similarity slot: distinct (round, value)
// pairs collide with probability 2^-32.
inline uint32_t SlotFingerprint(uint32_t round, uint64_t value) {
  return static_cast<uint32_t>(
      util::Mix64(value ^ (static_cast<uint64_t>(round) * 0x9e3779b97f4a7c15ULL)) >> 32);
}

}  // namespace

MinHasher::MinHasher(int num_perm, uint64_t seed, SketchScheme scheme)
    : num_perm_(std::max(1, num_perm)), scheme_(scheme) {
  const size_t pairs = static_cast<size_t>(num_perm_) *
                       (scheme == SketchScheme::kFastSimilarity ? 2 : 1);
  uint64_t state = seed;
  mul_.resize(pairs);
  add_.resize(pairs);
  for (size_t i = 0; i < pairs; ++i) {
    mul_[i] = util::SplitMix64(&state) | 1;
    add_[i] = util::SplitMix64(&state);
  }
}

void MinHasher::Sign(absl::Span<const uint64_t> shingles, uint32_t* signature) const {
  if (scheme_ == SketchScheme::kFastSimilarity) return SignFastSimilarity(shingles, signature);
  std::fill(signature, signature + num_perm_, std::numeric_limits<uint32_t>::max());
  UpdateSlots(shingles.data(), shingles.size(), mul_.data(), add_.data(), signature,
              mul_.size());
}

void MinHasher::SignFastSimilarity(absl::Span<const uint64_t> shingles,
                                   uint32_t* signature) const {
  const size_t num_slots = static_cast<size_t>(num_perm_);
  if (shingles.empty()) {
    std::fill(signature, signature + num_slots, std::numeric_limits<uint32_t>::max());
    return;
  }
  constexpr uint64_t kUnfilled = std::numeric_limits<uint64_t>::max();
  absl::InlinedVector<uint64_t, 256> smallest(num_slots, kUnfilled);
  absl::InlinedVector<uint32_t, 256> round_of(num_slots, 0);
  // Round 0 reaches empty slots only, so a plain minimum suffices.
  for (const uint64_t x : shingles) {
    const uint64_t y = mul_[0] * x + add_[0];
    uint64_t& slot = smallest[SlotOf(y, num_slots)];
    slot = std::min(slot, y);
  }
  absl::InlinedVector<uint32_t, 256> open;  // slots no round has reached yet
  absl::InlinedVector<bool, 256> is_open(num_slots, false);
  for (uint32_t s = 0; s < num_slots; ++s) {
    if (smallest[s] == kUnfilled) {
      open.push_back(s);
      is_open[s] = true;
    }
  }
  // Later rounds only fill the slots still open when the round starts: a
  // filled slot's value comes from an earlier round, which always wins. The
  // cycling rounds fill every slot before the multipliers run out.
  for (uint32_t round = 1; !open.empty() && round < mul_.size(); ++round) {
    const uint64_t mul = mul_[round], add = add_[round];
    const bool cycling = round >= num_slots;
    for (const uint64_t x : shingles) {
      const uint64_t y = mul * x + add;
      const uint32_t s = cycling
          ? static_cast<uint32_t>((SlotOf(mul_[0] * x + add_[0], num_slots) + round) % num_slots)
          : SlotOf(y, num_slots);
      if (is_open[s]) {
        smallest[s] = std::min(smallest[s], y);
        round_of[s] = round;
      }
    }
    size_t still_open = 0;
    for (const uint32_t s : open) {
      if (smallest[s] == kUnfilled) {
        open[still_open++] = s;
      } else {
        is_open[s] = false;
      }
    }
    open.resize(still_open);
  }
  for (size_t s = 0; s < num_slots; ++s) {
    signature[s] = SlotFingerprint(round_of[s], smallest[s]);
  }
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
  // Open addressing, at most half full; a slot's flags say which of a and b
  // hold its value. Values are uniform hashes in practice, so their top bits
  // make the index (any values stay correct, only slower).
  constexpr uint8_t kInA = 1, kInB = 2;
  thread_local std::vector<uint64_t> values;
  thread_local std::vector<uint8_t> flags;
  int bits = 6;
  while ((size_t{1} << bits) < 2 * (a.size() + b.size())) ++bits;
  const size_t mask = (size_t{1} << bits) - 1;
  values.resize(mask + 1);
  flags.assign(mask + 1, 0);
  // The slot holding `value`, or the empty one where it goes.
  auto slot_of = [&](uint64_t value) {
    size_t at = static_cast<size_t>(value >> (64 - bits));
    while (flags[at] != 0 && values[at] != value) at = (at + 1) & mask;
    return at;
  };
  size_t in_a = 0, only_in_b = 0, common = 0;
  for (uint64_t value : a) {
    const size_t at = slot_of(value);
    if (flags[at] != 0) continue;
    values[at] = value;
    flags[at] = kInA;
    ++in_a;
  }
  for (uint64_t value : b) {
    const size_t at = slot_of(value);
    if ((flags[at] & kInB) != 0) continue;
    if (flags[at] == kInA) {
      ++common;
    } else {
      values[at] = value;
      ++only_in_b;
    }
    flags[at] |= kInB;
  }
  return static_cast<double>(common) / static_cast<double>(in_a + only_in_b);
}

}  // namespace neardup::sketch
