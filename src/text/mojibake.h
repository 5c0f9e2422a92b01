// Detection and repair of mojibake: UTF-8 text that was decoded with a
// single-byte code page (Windows-874/TIS-620 or Windows-1252/Latin-1) and
// re-encoded, possibly with the bytes 0x80..0x9F lost on the way.
#ifndef NEARDUP_TEXT_MOJIBAKE_H_
#define NEARDUP_TEXT_MOJIBAKE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace neardup::text {

struct MojibakeRepair {
  bool detected = false;
  std::string code_page;  // "windows-874" or "windows-1252" when detected
  std::string text;       // the repaired text when detected, else empty
  uint32_t repairs = 0;   // characters restored exactly from surviving bytes
  uint32_t guesses = 0;   // characters restored from context where bytes were
                          // lost (’ “ ” — …, or a space that was a 0xA0 byte)
  uint32_t markers = 0;   // U+FFFD left where lost bytes cannot be restored
};

// Detects mojibake in `text` (valid UTF-8) and repairs it.
//
// Every stretch of non-ASCII characters that a code page maps to bytes is
// re-encoded to those bytes and parsed as UTF-8, allowing sequences cut short
// by lost bytes. A document is detected when at least two stretches decode to
// complete, printable UTF-8 characters (not counting sequences that use a
// no-break space, which French typography puts after "é" and before "»")
// and the bytes that cannot belong to
// UTF-8 (stray continuation bytes, lead bytes inside a stretch with nothing
// after them) are rare against the evidence. Clean text in any language
// fails that test: Thai produces stray bytes in nearly every word, Latin-1
// accents stand alone ("café"), and pure ASCII has no stretches at all.
//
// When detected, only stretches free of stray bytes are rewritten: complete
// sequences become their character; a lone E2 lead (’ “ ” – — whose other
// bytes were lost) becomes ’ between letters, “ before a word, ” after one,
// — between spaces; other cut sequences become U+FFFD. Deterministic,
// allocation per call only, thread-safe.
MojibakeRepair RepairMojibake(std::string_view text);

}  // namespace neardup::text

#endif  // NEARDUP_TEXT_MOJIBAKE_H_
