// SplitMix64 and its finalizer: a small, fast stream of well-mixed 64-bit
// values from a seed, the same on every machine; the one definition for
// constants drawn from a seed (hash multipliers, the benchmark corpus) and
// for spreading a 64-bit hash over the whole word.
#ifndef NEARDUP_UTIL_SPLIT_MIX_H_
#define NEARDUP_UTIL_SPLIT_MIX_H_

#include <cstdint>

namespace neardup::util {

// SplitMix64's finalizer: a bijection of 64-bit words whose every output bit
// depends on every input bit.
inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Advances *state and returns the next value of its stream.
inline uint64_t SplitMix64(uint64_t* state) { return Mix64(*state += 0x9e3779b97f4a7c15ULL); }

}  // namespace neardup::util

#endif  // NEARDUP_UTIL_SPLIT_MIX_H_
