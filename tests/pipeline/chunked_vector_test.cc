// Tests for util::ChunkedVector: elements across several chunks read back by
// index and in iteration order, keep their addresses as it grows, and are
// destroyed (sanitizer runs catch a leak of their heap buffers); a chunk
// mapped ahead is handed out once and is where growth goes next.
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

TEST_CASE("ChunkedVector: clear and moves leave no element behind and the vector usable") {
  using Vector = ChunkedVector<std::string>;
  const std::string tail = " a string long enough to live on the heap";
  Vector first;
  for (size_t i = 0; i < Vector::kChunk + 5; ++i) first.push_back(std::to_string(i) + tail);
  Vector second = std::move(first);
  CHECK(first.empty());  // NOLINT: a moved-from vector is empty and usable
  CHECK(second.size() == Vector::kChunk + 5);
  CHECK(second[Vector::kChunk + 4] == std::to_string(Vector::kChunk + 4) + tail);
  Vector third;
  third.push_back("to be destroyed by the assignment" + tail);
  third = std::move(second);  // the sanitizer run catches a leaked string
  CHECK(second.empty());
  CHECK(third.size() == Vector::kChunk + 5);
  third.clear();
  CHECK(third.empty());
  third.push_back("again" + tail);
  CHECK(third.size() == 1);
  CHECK(third[0] == "again" + tail);
  first.push_back("reused" + tail);
  CHECK(first[0] == "reused" + tail);
}

TEST_CASE("ChunkedVector: MapAhead hands out the next chunk once, when a quarter is left") {
  using Vector = ChunkedVector<uint64_t>;
  Vector numbers;
  // Nothing is held yet, so the first chunk is needed next.
  const UntouchedMemory first = numbers.MapAhead();
  REQUIRE(first.data != nullptr);
  CHECK(first.bytes == Vector::kChunk * sizeof(uint64_t));
  CHECK(numbers.MapAhead().data == nullptr);  // once only
  FaultIn(first);
  numbers.push_back(7);
  CHECK(&numbers[0] == first.data);
  CHECK(numbers[0] == 7);
  // Plenty of room left in the first chunk: nothing to map.
  CHECK(numbers.MapAhead().data == nullptr);
  while (numbers.size() < Vector::kChunk - Vector::kChunk / 4) numbers.push_back(numbers.size());
  CHECK(numbers.MapAhead().data == nullptr);  // exactly a quarter left
  numbers.push_back(numbers.size());
  const UntouchedMemory second = numbers.MapAhead();
  REQUIRE(second.data != nullptr);
  FaultIn(second);
  while (numbers.size() < Vector::kChunk + 1) numbers.push_back(numbers.size());
  CHECK(&numbers[Vector::kChunk] == second.data);
  size_t wrong = 0;
  for (size_t i = 1; i < numbers.size(); ++i) wrong += numbers[i] != i;
  CHECK(wrong == 0);
}

}  // namespace
}  // namespace neardup::util
