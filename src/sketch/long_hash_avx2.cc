// XXH3 compiled for AVX2 (meson gives this file -mavx2). Only xxhash.h's
// inline functions are compiled here, all of them `static`: no code built
// for AVX2 can stand in for another file's copy of a shared inline function.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstddef>
#include <cstdint>

namespace neardup::sketch {

uint64_t LongHashAvx2(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

}  // namespace neardup::sketch
