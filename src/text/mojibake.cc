#include "text/mojibake.h"

#include <emmintrin.h>  // SSE2, part of every x86-64
#include <utf8proc.h>

#include <vector>

#include "text/code_page.h"
#include "text/script_class.h"
#include "text/utf8.h"

namespace neardup::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Consecutive non-ASCII characters that a code page maps to bytes.
struct Stretch {
  size_t begin = 0;            // byte offset of the first character in text
  size_t end = 0;              // one past the last character
  std::vector<size_t> starts;  // offset of each character; one per byte
  std::string bytes;           // the character's bytes in the code page
};

// A piece of a stretch's bytes read as UTF-8.
enum class PieceKind {
  kComplete,  // a well-formed, printable sequence
  kCut,       // a lead byte followed by fewer continuation bytes than needed
  kStray,     // a byte that cannot be part of UTF-8 here
};

struct Piece {
  PieceKind kind;
  size_t first;        // index of its first byte in the stretch
  size_t count;        // bytes
  char32_t cp;         // the character, for kComplete
  size_t missing;      // continuation bytes lost, for kCut
};

// What the stretches of a document say about one code page.
struct Evidence {
  uint32_t complete = 0;        // complete sequences
  uint32_t complete_nbsp = 0;   // complete sequences made with a no-break
                                // space (French "é\u00A0»" gives E9 A0 BB)
  uint32_t cut_partial = 0;     // cut sequences that kept a continuation byte
  uint32_t isolated_lead = 0;   // a lead byte standing alone between ASCII
  uint32_t lead_in_stretch = 0; // a bare lead byte next to other characters
  uint32_t stray = 0;

  bool Detected() const {
    const uint32_t against = stray + lead_in_stretch;
    const uint32_t for_it =
        complete + complete_nbsp + cut_partial + isolated_lead;
    return complete >= 2 && 4 * against <= for_it;
  }
};

size_t LeadLength(unsigned char b) {
  if (b >= 0xC2 && b <= 0xDF) return 1;
  if (b >= 0xE0 && b <= 0xEF) return 2;
  if (b >= 0xF0 && b <= 0xF4) return 3;
  return 0;
}

bool IsContinuation(unsigned char b) { return b >= 0x80 && b <= 0xBF; }

bool IsPrintable(char32_t cp) {
  const auto category = utf8proc_get_property(
                            static_cast<utf8proc_int32_t>(cp))->category;
  return category != UTF8PROC_CATEGORY_CN && category != UTF8PROC_CATEGORY_CC &&
         category != UTF8PROC_CATEGORY_CS && category != UTF8PROC_CATEGORY_CO;
}

bool IsPunctuation(char32_t cp) {
  const auto category = utf8proc_get_property(
                            static_cast<utf8proc_int32_t>(cp))->category;
  return category >= UTF8PROC_CATEGORY_PC && category <= UTF8PROC_CATEGORY_PO;
}

// Decodes `bytes` as exactly one printable character, or returns
// kInvalidCodePoint.
char32_t DecodeWhole(std::string_view bytes) {
  char32_t cp;
  const size_t len = DecodeUtf8(bytes, 0, &cp);
  if (cp == kInvalidCodePoint || len != bytes.size() || !IsPrintable(cp)) {
    return kInvalidCodePoint;
  }
  return cp;
}

// Fast filter: a code page's lead bytes (0xC2..0xF4) come from Thai
// characters U+0E22..U+0E54 (UTF-8 E0 B8 xx / E0 B9 xx) in Windows-874 and
// from U+00C2..U+00F4 (UTF-8 C3 xx) in Windows-1252; without that byte the
// text cannot show evidence for the page. Both are looked for in one pass
// that skips ASCII 64 bytes at a time.
struct MarkerBytes {
  bool windows874 = false;   // an E0 byte
  bool windows1252 = false;  // a C3 byte
  bool MayHoldLeadBytes(CodePage page) const {
    return page == CodePage::kWindows874 ? windows874 : windows1252;
  }
};

MarkerBytes FindMarkerBytes(std::string_view text) {
  MarkerBytes found;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const __m128i e0 = _mm_set1_epi8(static_cast<char>(0xE0));
  const __m128i c3 = _mm_set1_epi8(static_cast<char>(0xC3));
  size_t i = 0;
  for (; i + 64 <= text.size(); i += 64) {
    __m128i v[4];
    for (int k = 0; k < 4; ++k) {
      v[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i + 16 * k));
    }
    const __m128i any = _mm_or_si128(_mm_or_si128(v[0], v[1]), _mm_or_si128(v[2], v[3]));
    if (_mm_movemask_epi8(any) == 0) continue;  // all ASCII
    __m128i is_e0 = _mm_setzero_si128(), is_c3 = _mm_setzero_si128();
    for (int k = 0; k < 4; ++k) {
      is_e0 = _mm_or_si128(is_e0, _mm_cmpeq_epi8(v[k], e0));
      is_c3 = _mm_or_si128(is_c3, _mm_cmpeq_epi8(v[k], c3));
    }
    found.windows874 |= _mm_movemask_epi8(is_e0) != 0;
    found.windows1252 |= _mm_movemask_epi8(is_c3) != 0;
    if (found.windows874 && found.windows1252) return found;
  }
  for (; i < text.size(); ++i) {
    found.windows874 |= bytes[i] == 0xE0;
    found.windows1252 |= bytes[i] == 0xC3;
  }
  return found;
}

std::vector<Stretch> FindStretches(std::string_view text, CodePage page) {
  std::vector<Stretch> stretches;
  Stretch current;
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      if (!current.bytes.empty()) {
        stretches.push_back(std::move(current));
        current = Stretch();
      }
      ++pos;
      continue;
    }
    char32_t cp;
    const size_t len = DecodeUtf8(text, pos, &cp);
    const int byte = cp == kInvalidCodePoint ? -1 : EncodeHighByte(page, cp);
    if (byte < 0) {
      if (!current.bytes.empty()) {
        stretches.push_back(std::move(current));
        current = Stretch();
      }
    } else {
      if (current.bytes.empty()) current.begin = pos;
      current.starts.push_back(pos);
      current.bytes.push_back(static_cast<char>(byte));
      current.end = pos + len;
    }
    pos += len;
  }
  if (!current.bytes.empty()) stretches.push_back(std::move(current));
  return stretches;
}

std::vector<Piece> ParseUtf8Pieces(const std::string& bytes) {
  std::vector<Piece> pieces;
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t m = bytes.size();
  size_t k = 0;
  while (k < m) {
    const size_t need = LeadLength(b[k]);
    if (need == 0) {
      pieces.push_back({PieceKind::kStray, k, 1, 0, 0});
      ++k;
      continue;
    }
    size_t got = 0;
    while (got < need && k + 1 + got < m && IsContinuation(b[k + 1 + got])) {
      ++got;
    }
    if (got == need) {
      const char32_t cp =
          DecodeWhole(std::string_view(bytes).substr(k, need + 1));
      pieces.push_back({cp == kInvalidCodePoint ? PieceKind::kStray
                                                : PieceKind::kComplete,
                        k, need + 1, cp, 0});
    } else {
      pieces.push_back({PieceKind::kCut, k, got + 1, 0, need - got});
    }
    k += got + 1;
  }
  return pieces;
}

bool HasLead(const std::string& bytes) {
  for (const char c : bytes) {
    if (LeadLength(static_cast<unsigned char>(c)) != 0) return true;
  }
  return false;
}

bool HasStray(const std::vector<Piece>& pieces) {
  for (const Piece& p : pieces) {
    if (p.kind == PieceKind::kStray) return true;
  }
  return false;
}

// True if one of the piece's bytes came from U+00A0, which typography puts
// next to accented letters and guillemets in clean text.
bool HoldsNoBreakSpace(std::string_view text, const Stretch& s,
                       const Piece& p) {
  for (size_t i = p.first; i < p.first + p.count; ++i) {
    if (text.substr(s.starts[i], 2) == "\xC2\xA0") return true;
  }
  return false;
}

Evidence Weigh(std::string_view text, const std::vector<Stretch>& stretches) {
  Evidence e;
  for (const Stretch& s : stretches) {
    if (!HasLead(s.bytes)) continue;  // lone symbols like © or ’: neutral
    for (const Piece& p : ParseUtf8Pieces(s.bytes)) {
      switch (p.kind) {
        case PieceKind::kComplete:
          if (HoldsNoBreakSpace(text, s, p)) {
            ++e.complete_nbsp;
          } else {
            ++e.complete;
          }
          break;
        case PieceKind::kStray:
          ++e.stray;
          break;
        case PieceKind::kCut:
          if (p.count > 1) {
            ++e.cut_partial;
          } else if (s.bytes.size() == 1) {
            ++e.isolated_lead;
          } else {
            ++e.lead_in_stretch;
          }
          break;
      }
    }
  }
  return e;
}

// The code point just before byte offset `pos`, or 0 at the start.
char32_t CodePointBefore(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 &&
         IsContinuation(static_cast<unsigned char>(text[start]))) {
    --start;
  }
  char32_t cp;
  DecodeUtf8(text, start, &cp);
  return cp == kInvalidCodePoint ? 0 : cp;
}

char32_t CodePointAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  char32_t cp;
  DecodeUtf8(text, pos, &cp);
  return cp == kInvalidCodePoint ? 0 : cp;
}

bool IsSpaceOrEdge(char32_t cp) {
  return cp == 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
         cp == 0xA0;
}

bool IsClosingPunctuation(char32_t cp) {
  return cp == '.' || cp == ',' || cp == '!' || cp == '?' || cp == ';' ||
         cp == ':' || cp == ')';
}

// The punctuation whose bytes E2 80 xx lost all but E2, judged from the
// characters around it; kReplacement when the context does not tell.
char32_t GuessPunctuation(char32_t before, char32_t after) {
  const bool word_before = before != 0 && IsWordChar(before);
  const bool word_after = after != 0 && IsWordChar(after);
  if (word_before && word_after) return 0x2019;            // ’
  if (word_after && (IsSpaceOrEdge(before) || before == '(')) return 0x201C;
  if ((word_before || IsClosingPunctuation(before)) &&
      (IsSpaceOrEdge(after) || IsClosingPunctuation(after))) {
    return 0x201D;                                          // ”
  }
  if (IsSpaceOrEdge(before) && IsSpaceOrEdge(after)) return 0x2014;  // —
  return kReplacement;
}

// Rewrites the stretches of `text` (detected as mojibake of their code page)
// into result->text.
void Rewrite(std::string_view text, const std::vector<Stretch>& stretches,
             MojibakeRepair* result) {
  std::string& out = result->text;
  out.reserve(text.size());
  size_t copied_to = 0;
  for (size_t si = 0; si < stretches.size(); ++si) {
    const Stretch& s = stretches[si];
    const std::vector<Piece> pieces = ParseUtf8Pieces(s.bytes);
    if (!HasLead(s.bytes) || HasStray(pieces)) continue;  // left as it is
    out.append(text.substr(copied_to, s.begin - copied_to));
    copied_to = s.end;
    for (size_t pi = 0; pi < pieces.size(); ++pi) {
      const Piece& p = pieces[pi];
      if (p.kind == PieceKind::kComplete) {
        AppendUtf8(p.cp, &out);
        ++result->repairs;
        continue;
      }
      const std::string_view kept = std::string_view(s.bytes).substr(p.first,
                                                                     p.count);
      const bool last = pi + 1 == pieces.size();
      // A 0xA0 byte that became a space: the next stretch starts right
      // after it, as inside a run of CJK characters.
      if (last && p.missing == 1 && s.end < text.size() && text[s.end] == ' ' &&
          si + 1 < stretches.size() && stretches[si + 1].begin == s.end + 1) {
        const char32_t cp = DecodeWhole(std::string(kept) + '\xA0');
        if (cp != kInvalidCodePoint && IsWordChar(cp)) {
          AppendUtf8(cp, &out);
          ++result->guesses;
          copied_to = s.end + 1;
          continue;
        }
      }
      char32_t guess = kReplacement;
      if (static_cast<unsigned char>(kept[0]) == 0xE2) {
        if (p.count == 2) {
          // E2 ?? xx with xx >= A0 kept: General Punctuation (… † ‡ ‰ ...).
          const char32_t cp = DecodeWhole(std::string("\xE2\x80") + kept[1]);
          if (cp != kInvalidCodePoint && IsPunctuation(cp)) guess = cp;
        } else if (pieces.size() == 1) {
          guess = GuessPunctuation(CodePointBefore(text, s.begin),
                                   CodePointAt(text, s.end));
        }
      }
      AppendUtf8(guess, &out);
      if (guess == kReplacement) {
        ++result->markers;
      } else {
        ++result->guesses;
      }
    }
  }
  out.append(text.substr(copied_to));
}

}  // namespace

MojibakeRepair RepairMojibake(std::string_view text) {
  MojibakeRepair result;
  std::vector<Stretch> best;
  uint32_t best_complete = 0;
  const MarkerBytes markers = FindMarkerBytes(text);
  for (const CodePage page : {CodePage::kWindows874, CodePage::kWindows1252}) {
    if (!markers.MayHoldLeadBytes(page)) continue;
    std::vector<Stretch> stretches = FindStretches(text, page);
    const Evidence e = Weigh(text, stretches);
    if (e.Detected() && e.complete > best_complete) {
      best_complete = e.complete;
      best = std::move(stretches);
      result.code_page = std::string(CodePageName(page));
    }
  }
  if (best_complete == 0) return result;
  result.detected = true;
  Rewrite(text, best, &result);
  return result;
}

}  // namespace neardup::text
