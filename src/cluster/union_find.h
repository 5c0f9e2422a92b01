// Disjoint sets over document slots.
#ifndef NEARDUP_CLUSTER_UNION_FIND_H_
#define NEARDUP_CLUSTER_UNION_FIND_H_

#include <cstdint>
#include <numeric>
#include <vector>

namespace neardup::cluster {

// UnionFind over slots [0, size): path halving, and the smaller slot always
// becomes the root, so a set's root is its first member whatever the order of
// Union calls. Not thread-safe.
class UnionFind {
 public:
  explicit UnionFind(uint32_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }

  uint32_t Find(uint32_t slot) {
    while (parent_[slot] != slot) {
      parent_[slot] = parent_[parent_[slot]];
      slot = parent_[slot];
    }
    return slot;
  }

  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace neardup::cluster

#endif  // NEARDUP_CLUSTER_UNION_FIND_H_
