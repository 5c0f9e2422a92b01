// NEARDUP_VECTOR_CLONES: put before a hot function to have the compiler
// build it for AVX-512 (x86-64-v4), AVX2 and the baseline, and pick one when
// the program loads (GCC's target_clones, an ifunc). Under ThreadSanitizer
// it builds the baseline only: the ifunc resolvers run before the
// sanitizer's runtime is ready and crash the program at load.
#ifndef NEARDUP_UTIL_VECTOR_CLONES_H_
#define NEARDUP_UTIL_VECTOR_CLONES_H_

#if defined(__SANITIZE_THREAD__)
#define NEARDUP_VECTOR_CLONES
#else
#define NEARDUP_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#endif

#endif  // NEARDUP_UTIL_VECTOR_CLONES_H_
