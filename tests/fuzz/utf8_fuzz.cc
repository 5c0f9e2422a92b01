// libFuzzer target: UTF-8 validation and repair on arbitrary bytes. The SIMD
// validator and the scalar decoder must agree; repair must yield valid
// UTF-8, leave valid input unchanged and count a replacement per bad input.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  bool scalar_valid = true;
  for (size_t pos = 0; pos < text.size();) {
    char32_t cp;
    pos += neardup::text::DecodeUtf8(text, pos, &cp);
    if (cp == neardup::text::kInvalidCodePoint) scalar_valid = false;
  }
  const bool valid = neardup::text::IsValidUtf8(text);
  if (valid != scalar_valid) abort();
  uint32_t replaced = 0;
  const std::string repaired = neardup::text::RepairUtf8(text, &replaced);
  if (!neardup::text::IsValidUtf8(repaired)) abort();
  if (valid != (replaced == 0)) abort();
  if (valid && repaired != text) abort();
  return 0;
}
