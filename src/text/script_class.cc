#include "text/script_class.h"

#include <utf8proc.h>

namespace neardup::text {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// Sorted, non-overlapping blocks of scripts written without spaces.
constexpr Range kUnspacedBlocks[] = {
    {0x0E00, 0x0E7F},   // Thai
    {0x0E80, 0x0EFF},   // Lao
    {0x0F00, 0x0FFF},   // Tibetan
    {0x1000, 0x109F},   // Myanmar
    {0x1780, 0x17FF},   // Khmer
    {0x1950, 0x19DF},   // Tai Le, New Tai Lue
    {0x19E0, 0x19FF},   // Khmer symbols
    {0x1A20, 0x1AAF},   // Tai Tham
    {0x1B00, 0x1B7F},   // Balinese
    {0x2E80, 0x2FDF},   // CJK radicals, Kangxi radicals
    {0x3005, 0x3007},   // ideographic iteration mark, closing mark, zero
    {0x3021, 0x3029},   // Hangzhou numerals
    {0x3031, 0x3035},   // vertical kana repeat marks
    {0x3038, 0x303C},   // more CJK iteration marks
    {0x3040, 0x30FF},   // Hiragana, Katakana
    {0x3100, 0x312F},   // Bopomofo
    {0x31A0, 0x31BF},   // Bopomofo extended
    {0x31F0, 0x31FF},   // Katakana phonetic extensions
    {0x3400, 0x4DBF},   // CJK extension A
    {0x4E00, 0x9FFF},   // CJK unified ideographs
    {0xA000, 0xA4CF},   // Yi
    {0xA980, 0xA9DF},   // Javanese
    {0xA9E0, 0xA9FF},   // Myanmar extended B
    {0xAA60, 0xAA7F},   // Myanmar extended A
    {0xAA80, 0xAADF},   // Tai Viet
    {0xF900, 0xFAFF},   // CJK compatibility ideographs
    {0xFF66, 0xFF9F},   // halfwidth Katakana
    {0x16FE0, 0x16FFF}, // ideographic symbols
    {0x1B000, 0x1B16F}, // Kana supplement and extended
    {0x20000, 0x3FFFF}, // CJK extensions B and later, planes 2 and 3
};

utf8proc_category_t Category(char32_t cp) {
  return static_cast<utf8proc_category_t>(
      utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->category);
}

}  // namespace

bool IsUnspacedScript(char32_t cp) {
  if (cp < 0x0E00) return false;
  int lo = 0;
  int hi = static_cast<int>(sizeof(kUnspacedBlocks) / sizeof(Range)) - 1;
  while (lo <= hi) {
    const int mid = (lo + hi) / 2;
    if (cp < kUnspacedBlocks[mid].first) {
      hi = mid - 1;
    } else if (cp > kUnspacedBlocks[mid].last) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

bool IsWordChar(char32_t cp) {
  const utf8proc_category_t c = Category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

bool IsLetter(char32_t cp) {
  const utf8proc_category_t c = Category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool IsMark(char32_t cp) {
  const utf8proc_category_t c = Category(cp);
  return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

bool IsApostrophe(char32_t cp) {
  return cp == 0x27 || cp == 0x2019 || cp == 0x2018 || cp == 0x201B ||
         cp == 0x2032 || cp == 0x02BC;
}

bool IsInWordIgnorable(char32_t cp) {
  return cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0x2060;
}

}  // namespace neardup::text
