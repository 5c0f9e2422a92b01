// Sorting values keyed by uniform 64-bit hashes in linear expected time.
#ifndef NEARDUP_UTIL_UNIFORM_SORT_H_
#define NEARDUP_UTIL_UNIFORM_SORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace neardup::util {

// The work space of SortByUniformKey; keep one per thread (or per sorter) so
// that its capacity is reused from one sort to the next.
template <typename T>
struct UniformSortBuffers {
  std::vector<T> sorted;
  std::vector<uint32_t> starts, fill;
};

// Sorts `values` by `less`, whose order must put smaller keys first:
// key(v) (a uint64_t) is a hash, uniform over its range, so a counting pass
// on the keys' top bits (at most 2^max_bits buckets, about one value in
// each) followed by an insertion sort of every bucket sorts in linear time.
// A bucket of more than 16 values (only shared keys or crafted input make
// one) is sorted with std::sort, so the worst case stays n log n; 64 values
// or fewer are sorted with std::sort directly. Leaves the old contents of
// `values` in `buffers`.
template <typename T, typename Key, typename Less>
void SortByUniformKey(std::vector<T>* values, const Key& key, const Less& less, int max_bits,
                      UniformSortBuffers<T>* buffers) {
  constexpr size_t kSmall = 64;
  constexpr ptrdiff_t kMaxInsertionSort = 16;
  const size_t n = values->size();
  if (n <= kSmall) {
    std::sort(values->begin(), values->end(), less);
    return;
  }
  int bits = 1;
  while ((size_t{1} << bits) < n && bits < max_bits) ++bits;
  const int shift = 64 - bits;
  const size_t buckets = size_t{1} << bits;
  std::vector<uint32_t>& starts = buffers->starts;
  starts.assign(buckets + 1, 0);
  for (const T& v : *values) ++starts[(key(v) >> shift) + 1];
  for (size_t b = 0; b < buckets; ++b) starts[b + 1] += starts[b];
  std::vector<T>& sorted = buffers->sorted;
  sorted.resize(n);
  buffers->fill.assign(starts.begin(), starts.end() - 1);
  for (const T& v : *values) sorted[buffers->fill[key(v) >> shift]++] = v;
  for (size_t b = 0; b < buckets; ++b) {
    T* first = sorted.data() + starts[b];
    T* last = sorted.data() + starts[b + 1];
    if (last - first > kMaxInsertionSort) {
      std::sort(first, last, less);
      continue;
    }
    for (T* i = first + 1; i < last; ++i) {
      const T v = *i;
      T* j = i;
      for (; j > first && less(v, *(j - 1)); --j) *j = *(j - 1);
      *j = v;
    }
  }
  values->swap(sorted);
}

}  // namespace neardup::util

#endif  // NEARDUP_UTIL_UNIFORM_SORT_H_
