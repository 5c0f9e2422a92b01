// libFuzzer target: mojibake repair on arbitrary valid UTF-8 (the input is
// made valid with RepairUtf8 first, as readers guarantee). The repaired text
// must be valid UTF-8 and present exactly when detection fired.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/mojibake.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = neardup::text::RepairUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size), nullptr);
  const neardup::text::MojibakeRepair r = neardup::text::RepairMojibake(text);
  if (r.detected != !r.code_page.empty()) abort();
  if (!r.detected && (!r.text.empty() || r.repairs + r.guesses + r.markers)) {
    abort();
  }
  if (r.detected && !neardup::text::IsValidUtf8(r.text)) abort();
  return 0;
}
