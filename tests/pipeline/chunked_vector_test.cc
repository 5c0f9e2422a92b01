// Tests for util::ChunkedVector: elements across several chunks read back by
// index and in iteration order, keep their addresses as it grows, and are
// destroyed (sanitizer runs catch a leak of their heap buffers).
#include "util/chunked_vector.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace neardup::util {
namespace {

TEST_CASE("ChunkedVector: indexing, iteration and stable addresses across chunks") {
  using Vector = ChunkedVector<std::string>;
  Vector strings;
  CHECK(strings.empty());
  const size_t count = 2 * Vector::kChunk + 3;
  std::vector<const std::string*> addresses;
  for (size_t i = 0; i < count; ++i) {
    strings.push_back("a string long enough to live on the heap, number " + std::to_string(i));
    addresses.push_back(&strings[i]);
  }
  REQUIRE(strings.size() == count);
  size_t i = 0, wrong = 0;
  for (const std::string& s : strings) {
    if (s != "a string long enough to live on the heap, number " + std::to_string(i) ||
        &s != addresses[i]) {
      ++wrong;
    }
    ++i;
  }
  CHECK(i == count);
  CHECK(wrong == 0);
  strings[count - 1] = "changed";
  CHECK(static_cast<const Vector&>(strings)[count - 1] == "changed");
  // Chunks start on huge-page boundaries.
  CHECK(reinterpret_cast<uintptr_t>(&strings[Vector::kChunk]) % Vector::kHugePage == 0);
}

}  // namespace
}  // namespace neardup::util
