// A vector that grows in fixed-size chunks of whole pages.
#ifndef NEARDUP_UTIL_CHUNKED_VECTOR_H_
#define NEARDUP_UTIL_CHUNKED_VECTOR_H_

#include <sys/mman.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace neardup::util {

// Anonymous memory mapped but not yet faulted in.
struct UntouchedMemory {
  void* data = nullptr;
  size_t bytes = 0;
};

// Faults `memory` in, zero-filled, without writing to it, so another thread
// may be writing to it meanwhile. A hint: does nothing on kernels before
// Linux 5.14.
inline void FaultIn(UntouchedMemory memory) {
  if (memory.bytes > 0) ::madvise(memory.data, memory.bytes, MADV_POPULATE_WRITE);
}

// ChunkedVector<T>: push_back, size, indexing and iteration, like a vector,
// but its elements live in chunks of kChunk elements, each its own anonymous
// mapping, so growing never copies what is held (a doubling vector briefly
// holds twice its contents and touches new pages for all of it). Chunks are
// whole 2 MiB-aligned huge pages, mapped with transparent huge pages
// allowed, so a chunk costs a page fault per 2 MiB rather than one per
// 4 KiB. That fault clears the huge page, and may first compact memory to
// find one: a thread that grows the vector under a lock can take the next
// chunk's faults outside it (MapAhead, FaultIn). Element addresses are
// stable. Not thread-safe to grow; reading is.
template <typename T>
class ChunkedVector {
 public:
  static constexpr size_t kHugePage = size_t{2} << 20;
  // A power of two, so that indexing is a shift, spanning at least a huge page.
  static constexpr size_t kChunk = std::bit_ceil((kHugePage + sizeof(T) - 1) / sizeof(T));

  ChunkedVector() = default;
  ChunkedVector(ChunkedVector&& other) noexcept
      : chunks_(std::move(other.chunks_)),
        next_(std::move(other.next_)),
        size_(std::exchange(other.size_, 0)) {}
  ChunkedVector& operator=(ChunkedVector&& other) noexcept {
    clear();
    chunks_ = std::move(other.chunks_);
    next_ = std::move(other.next_);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  ~ChunkedVector() { clear(); }

  // Destroys the elements and unmaps their memory.
  void clear() {
    for (Chunk& chunk : chunks_) Destroy(chunk);
    chunks_.clear();
    size_ = 0;
  }

  void push_back(T value) {
    if (size_ % kChunk == 0) chunks_.push_back(next_ ? std::move(next_) : Chunk(MapChunk()));
    new (chunks_.back().get() + size_ % kChunk) T(std::move(value));
    ++size_;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Maps the chunk that growth needs next once less than a quarter of the
  // current one is left, and returns it, once; otherwise returns nothing
  // ({nullptr, 0}). Whoever gets it should FaultIn() it, on any thread, so
  // that push_back() does not take its page faults. Not thread-safe, like
  // push_back().
  UntouchedMemory MapAhead() {
    const size_t room = chunks_.size() * kChunk - size_;
    if (next_ || room >= kChunk / 4) return {};
    next_ = Chunk(MapChunk());
    return {next_.get(), kChunk * sizeof(T)};
  }

  T& operator[](size_t i) { return chunks_[i / kChunk].get()[i % kChunk]; }
  const T& operator[](size_t i) const { return chunks_[i / kChunk].get()[i % kChunk]; }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator(const ChunkedVector* owner, size_t i) : owner_(owner), i_(i) {}
    const T& operator*() const { return (*owner_)[i_]; }
    const T* operator->() const { return &(*owner_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const const_iterator& other) const { return i_ == other.i_; }

   private:
    const ChunkedVector* owner_;
    size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  // A chunk's mapping: its elements rounded up to whole huge pages.
  static constexpr size_t kChunkBytes = (kChunk * sizeof(T) + kHugePage - 1) / kHugePage * kHugePage;

  // Unmaps a chunk's pages when it dies.
  struct Unmap {
    void operator()(T* chunk) const { ::munmap(chunk, kChunkBytes); }
  };
  using Chunk = std::unique_ptr<T, Unmap>;

  // Maps kChunkBytes at a huge-page boundary: a huge page more is mapped,
  // and what lies outside the aligned range is unmapped again.
  static T* MapChunk() {
    void* pages = ::mmap(nullptr, kChunkBytes + kHugePage, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) throw std::bad_alloc();
    const uintptr_t start = reinterpret_cast<uintptr_t>(pages);
    const uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
    if (aligned > start) ::munmap(pages, aligned - start);
    ::munmap(reinterpret_cast<void*>(aligned + kChunkBytes), kHugePage - (aligned - start));
    ::madvise(reinterpret_cast<void*>(aligned), kChunkBytes, MADV_HUGEPAGE);  // a hint
    return reinterpret_cast<T*>(aligned);
  }
  void Destroy(Chunk& chunk) {
    const size_t first = static_cast<size_t>(&chunk - chunks_.data()) * kChunk;
    const size_t held = std::min(kChunk, size_ - first);
    for (size_t i = 0; i < held; ++i) chunk.get()[i].~T();
  }

  std::vector<Chunk> chunks_;
  Chunk next_;  // mapped by MapAhead(), taken by the next push_back() that needs a chunk
  size_t size_ = 0;
};

}  // namespace neardup::util

#endif  // NEARDUP_UTIL_CHUNKED_VECTOR_H_
