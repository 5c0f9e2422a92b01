#include "text/code_page.h"

namespace neardup::text {
namespace {

// Characters of bytes 0x80..0x9F; 0 where the code page leaves it undefined.
constexpr char32_t kWindows874High[32] = {
    0x20AC, 0, 0, 0, 0, 0x2026, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0, 0, 0, 0, 0, 0, 0, 0};

constexpr char32_t kWindows1252High[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

int FindHigh(const char32_t (&table)[32], char32_t cp) {
  for (int i = 0; i < 32; ++i) {
    if (table[i] == cp) return 0x80 + i;
  }
  return -1;
}

}  // namespace

int EncodeHighByte(CodePage page, char32_t cp) {
  if (cp < 0x80) return -1;
  switch (page) {
    case CodePage::kWindows874:
      // Thai block: byte = code point - 0x0E00 + 0xA0, except the four
      // unassigned positions 0xDB..0xDE.
      if ((cp >= 0x0E01 && cp <= 0x0E3A) || (cp >= 0x0E3F && cp <= 0x0E5B)) {
        return static_cast<int>(cp - 0x0E00 + 0xA0);
      }
      if (cp == 0x00A0) return 0xA0;
      return FindHigh(kWindows874High, cp);
    case CodePage::kWindows1252:
      if (cp <= 0xFF) return static_cast<int>(cp);
      return FindHigh(kWindows1252High, cp);
  }
  return -1;
}

std::string_view CodePageName(CodePage page) {
  return page == CodePage::kWindows874 ? "windows-874" : "windows-1252";
}

}  // namespace neardup::text
