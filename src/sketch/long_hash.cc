#include "sketch/long_hash.h"

#include <xxhash.h>

namespace neardup::sketch {

// long_hash_avx2.cc, compiled for AVX2: call only where the CPU has it.
uint64_t LongHashAvx2(const void* data, size_t size, uint64_t seed);

namespace {

using HashFn = uint64_t (*)(const void*, size_t, uint64_t);

uint64_t LongHashLibrary(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

HashFn PickLongHash() {
  return __builtin_cpu_supports("avx2") ? LongHashAvx2 : LongHashLibrary;
}

}  // namespace

uint64_t LongHash(const void* data, size_t size, uint64_t seed) {
  static const HashFn hash = PickLongHash();
  return hash(data, size, seed);
}

}  // namespace neardup::sketch
