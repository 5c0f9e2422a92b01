// Tests of UTF-8 decoding, validation and repair.
#include "text/utf8.h"

#include <catch2/catch.hpp>
#include <string>

namespace neardup::text {
namespace {

TEST_CASE("IsValidUtf8 accepts well-formed and rejects ill-formed text",
          "[utf8]") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("plain ASCII"));
  CHECK(IsValidUtf8("café 李强 ’ 😀"));
  CHECK_FALSE(IsValidUtf8("caf\xE9"));          // Latin-1 é
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));         // overlong
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));     // surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xE2\x80"));         // truncated
  // Either side of the 64 bytes up to which ASCII is checked by a plain loop.
  for (const size_t length : {63, 64, 65, 200}) {
    const std::string ascii(length, 'a');
    CHECK(IsValidUtf8(ascii));
    CHECK_FALSE(IsValidUtf8(ascii.substr(1) + "\xE9"));
    CHECK_FALSE(IsValidUtf8("\xE9" + ascii.substr(1)));
    CHECK(IsValidUtf8(ascii.substr(2) + "\xC3\xA9"));
  }
}

TEST_CASE("DecodeUtf8 decodes and sizes maximal subparts", "[utf8]") {
  char32_t cp;
  CHECK(DecodeUtf8("é", 0, &cp) == 2);
  CHECK(cp == 0xE9);
  CHECK(DecodeUtf8("😀", 0, &cp) == 4);
  CHECK(cp == 0x1F600);
  CHECK(DecodeUtf8("\xE2\x80x", 0, &cp) == 2);
  CHECK(cp == kInvalidCodePoint);
  CHECK(DecodeUtf8("\x80", 0, &cp) == 1);
  CHECK(cp == kInvalidCodePoint);
  CHECK(DecodeUtf8("\xE0\x80\x80", 0, &cp) == 1);  // E0 needs A0..BF next
  CHECK(cp == kInvalidCodePoint);
}

TEST_CASE("RepairUtf8 keeps valid text byte for byte", "[utf8]") {
  uint32_t replaced = 99;
  const std::string text = "Lǐ Qiáng 李强\x01\n";
  CHECK(RepairUtf8(text, &replaced) == text);
  CHECK(replaced == 0);
}

TEST_CASE("RepairUtf8 replaces each ill-formed sequence by U+FFFD",
          "[utf8]") {
  uint32_t replaced = 0;
  CHECK(RepairUtf8("caf\xE9 ok", &replaced) == "caf\uFFFD ok");
  CHECK(replaced == 1);
  // A truncated 3-byte sequence is one maximal subpart: one replacement.
  CHECK(RepairUtf8("a\xE2\x80z", &replaced) == "a\uFFFDz");
  CHECK(replaced == 1);
  // Two stray continuation bytes are two.
  CHECK(RepairUtf8("\x80\x80", &replaced) == "\uFFFD\uFFFD");
  CHECK(replaced == 2);
  CHECK(RepairUtf8("end\xF0\x9F\x98", nullptr) == "end\uFFFD");
  // The result is always valid.
  std::string all_bytes;
  for (int b = 255; b >= 0; --b) all_bytes.push_back(static_cast<char>(b));
  CHECK(IsValidUtf8(RepairUtf8(all_bytes, &replaced)));
  CHECK(replaced > 0);
}

}  // namespace
}  // namespace neardup::text

TEST_CASE("Utf8Floor never splits a character") {
  const std::string text = "ab\xE6\x9D\x8E" "cd";  // ab李cd
  CHECK(neardup::text::Utf8Floor(text, 3) == 2);
  CHECK(neardup::text::Utf8Floor(text, 4) == 2);
  CHECK(neardup::text::Utf8Floor(text, 5) == 5);
  CHECK(neardup::text::Utf8Floor(text, 99) == text.size());
}
