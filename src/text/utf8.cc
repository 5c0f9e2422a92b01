#include "text/utf8.h"

#include <simdjson.h>

namespace neardup::text {

size_t DecodeUtf8(std::string_view text, size_t pos, char32_t* cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const unsigned char b0 = s[pos];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t need;       // continuation bytes after the lead
  char32_t value;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    value = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    value = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    value = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    *cp = kInvalidCodePoint;
    return 1;
  }
  for (size_t i = 1; i <= need; ++i) {
    if (pos + i >= n) {
      *cp = kInvalidCodePoint;
      return i;
    }
    const unsigned char b = s[pos + i];
    const unsigned char min = i == 1 ? lo : 0x80;
    const unsigned char max = i == 1 ? hi : 0xBF;
    if (b < min || b > max) {
      *cp = kInvalidCodePoint;
      return i;
    }
    value = (value << 6) | (b & 0x3F);
  }
  *cp = value;
  return need + 1;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view text) {
  // Most short strings checked (ids, JSON keys, dates) are ASCII: a plain
  // loop, which the compiler vectorizes, answers them without simdjson's
  // dispatch and its copy of a short input to a padded block.
  constexpr size_t kShort = 64;
  if (text.size() <= kShort) {
    unsigned char high_bits = 0;
    for (const char c : text) high_bits |= static_cast<unsigned char>(c);
    if (high_bits < 0x80) return true;
  }
  return simdjson::validate_utf8(text.data(), text.size());
}

std::string RepairUtf8(std::string_view in, uint32_t* replaced) {
  uint32_t count = 0;
  std::string out;
  if (IsValidUtf8(in)) {
    out.assign(in);
  } else {
    out.reserve(in.size() + 16);
    size_t pos = 0;
    while (pos < in.size()) {
      // Copy the ASCII stretch in one go.
      size_t ascii_end = pos;
      while (ascii_end < in.size() &&
             static_cast<unsigned char>(in[ascii_end]) < 0x80) {
        ++ascii_end;
      }
      out.append(in.substr(pos, ascii_end - pos));
      pos = ascii_end;
      if (pos >= in.size()) break;
      char32_t cp;
      const size_t len = DecodeUtf8(in, pos, &cp);
      if (cp == kInvalidCodePoint) {
        out.append("\xEF\xBF\xBD");
        ++count;
      } else {
        out.append(in.substr(pos, len));
      }
      pos += len;
    }
  }
  if (replaced != nullptr) *replaced = count;
  return out;
}

size_t Utf8Floor(std::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size();
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

}  // namespace neardup::text
