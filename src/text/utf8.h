// UTF-8 decoding, validation and repair.
#ifndef NEARDUP_TEXT_UTF8_H_
#define NEARDUP_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace neardup::text {

// Marks a position that does not start a well-formed UTF-8 sequence.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the code point that starts at `text[pos]` (pos < text.size()).
// Returns the number of bytes consumed (>= 1). For a well-formed sequence
// sets *cp to its code point. For an ill-formed one sets *cp to
// kInvalidCodePoint and returns the length of its maximal subpart (the
// longest prefix that could still have begun a well-formed sequence, at least
// 1), so each ill-formed stretch is replaced by one U+FFFD as the Unicode
// standard recommends. Overlong forms, surrogates and values above U+10FFFF
// are ill-formed. Pure function, thread-safe.
size_t DecodeUtf8(std::string_view text, size_t pos, char32_t* cp);

// Appends the UTF-8 encoding of `cp` (must be a valid scalar value) to `out`.
void AppendUtf8(char32_t cp, std::string* out);

// True if `text` is well-formed UTF-8 (SIMD fast check).
bool IsValidUtf8(std::string_view text);

// Returns `in` with every ill-formed sequence (maximal subpart) replaced by
// U+FFFD; *replaced (may be null) receives the number of replacements. Only
// the encoding is fixed: NUL and control characters are kept (the tokenizer
// treats them as separators).
std::string RepairUtf8(std::string_view in, uint32_t* replaced);

// The largest position <= `pos` (clamped to text.size()) that does not fall
// inside a UTF-8 sequence, so text.substr(0, result) stays valid UTF-8.
size_t Utf8Floor(std::string_view text, size_t pos);

}  // namespace neardup::text

#endif  // NEARDUP_TEXT_UTF8_H_
