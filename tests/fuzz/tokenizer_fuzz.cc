// libFuzzer target: the tokenizer on arbitrary bytes (valid UTF-8 or not).
// Checks that tokens are non-empty, in order, inside the input, and that a
// word's hash equals the hash of its normalized form.
#include <xxhash.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<neardup::text::Token> tokens;
  neardup::text::Tokenizer().Tokenize(text, &tokens);
  uint32_t previous_end = 0;
  for (const neardup::text::Token& t : tokens) {
    if (t.begin >= t.end || t.end > size || t.begin < previous_end) abort();
    previous_end = t.end;
    const std::string normalized =
        neardup::text::NormalizeWord(text.substr(t.begin, t.end - t.begin));
    if (XXH3_64bits(normalized.data(), normalized.size()) != t.hash) abort();
  }
  return 0;
}
