#include <catch2/catch.hpp>

#include "passages/alignment.h"

namespace neardup::passages {
namespace {

std::vector<text::Token> FromHashes(std::initializer_list<uint64_t> hashes) {
  std::vector<text::Token> tokens;
  for (uint64_t h : hashes) tokens.push_back({h, 0, 0, false});
  return tokens;
}

std::vector<text::Token> Range(uint64_t from, uint64_t to) {
  std::vector<text::Token> tokens;
  for (uint64_t h = from; h < to; ++h) tokens.push_back({h, 0, 0, false});
  return tokens;
}

std::vector<text::Token> Concat(std::vector<std::vector<text::Token>> parts) {
  std::vector<text::Token> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST_CASE("an exact shared run is extended to its maximal extent") {
  const auto a = Concat({Range(1000, 1010), Range(1, 51), Range(2000, 2010)});
  const auto b = Concat({Range(3000, 3005), Range(1, 51), Range(4000, 4003)});
  const Alignment al = ExtendSeed(a, b, 30, 25, false, {});
  CHECK(al.a_begin == 10);
  CHECK(al.a_end == 60);
  CHECK(al.b_begin == 5);
  CHECK(al.b_end == 55);
  CHECK(al.matched == 50);
}

TEST_CASE("a changed, an inserted and a deleted word do not split an alignment") {
  auto original = Range(1, 121);
  auto edited = original;
  edited[60].hash = 99999;                                   // changed
  edited.insert(edited.begin() + 30, text::Token{88888, 0, 0, false});  // inserted
  edited.erase(edited.begin() + 91);                         // deleted
  const Alignment al = ExtendSeed(edited, original, 5, 5, false, {});
  CHECK(al.a_begin == 0);
  CHECK(al.a_end == edited.size());
  CHECK(al.b_begin == 0);
  CHECK(al.b_end == original.size());
  CHECK(al.matched == 118);
}

TEST_CASE("an alignment stops where the texts diverge for good") {
  const auto a = Concat({Range(1, 41), Range(500, 540)});
  const auto b = Concat({Range(1, 41), Range(600, 640)});
  const Alignment al = ExtendSeed(a, b, 0, 0, false, {});
  CHECK(al.a_end == 40);
  CHECK(al.b_end == 40);
}

TEST_CASE("within one sequence the aligned copy stays before the repeat") {
  // A period-1 text: every token equal. The alignment of a seed at 5 with
  // its copy at 4 never lets the source catch up with the repeat.
  std::vector<text::Token> same(50, text::Token{7, 0, 0, false});
  const Alignment al = ExtendSeed(same, same, 5, 4, true, {});
  CHECK(al.b_begin < al.a_begin);
  CHECK(al.b_end < al.a_end);
  const Alignment self = ExtendSeed(same, same, 5, 5, true, {});
  CHECK(self.a_length() == 0);
  const Alignment mismatch = ExtendSeed(FromHashes({1, 2}), FromHashes({3, 4}), 0, 0, false, {});
  CHECK(mismatch.a_length() == 0);
}

}  // namespace
}  // namespace neardup::passages
