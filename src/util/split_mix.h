// SplitMix64: a small, fast stream of well-mixed 64-bit values from a seed,
// the same on every machine; the one definition for constants drawn from a
// seed (hash multipliers, the benchmark corpus).
#ifndef NEARDUP_UTIL_SPLIT_MIX_H_
#define NEARDUP_UTIL_SPLIT_MIX_H_

#include <cstdint>

namespace neardup::util {

// Advances *state and returns the next value of its stream.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace neardup::util

#endif  // NEARDUP_UTIL_SPLIT_MIX_H_
