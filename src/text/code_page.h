// Single-byte code pages that UTF-8 text is commonly misread as.
#ifndef NEARDUP_TEXT_CODE_PAGE_H_
#define NEARDUP_TEXT_CODE_PAGE_H_

#include <string_view>

namespace neardup::text {

enum class CodePage {
  kWindows874,   // Thai: TIS-620 plus the Windows punctuation at 0x80..0x9F
  kWindows1252,  // Western: Latin-1 plus the Windows letters at 0x80..0x9F
};

// The byte (0x80..0xFF) that a decoder of `page` turns into `cp`, or -1 if
// `cp` is not such a character (ASCII included). For Windows-1252 the C1
// controls U+0080..U+009F also map to their byte, as Latin-1 decoders make
// them. Pure function.
int EncodeHighByte(CodePage page, char32_t cp);

// "windows-874" or "windows-1252".
std::string_view CodePageName(CodePage page);

}  // namespace neardup::text

#endif  // NEARDUP_TEXT_CODE_PAGE_H_
