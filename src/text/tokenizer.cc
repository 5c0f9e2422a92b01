#include "text/tokenizer.h"

// Inlined XXH3 (the same hash values as the library): one hash per word is
// the tokenizer's hottest call.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <emmintrin.h>  // SSE2, part of every x86-64

#include <algorithm>
#include <array>

#include "text/normalize.h"
#include "text/script_class.h"
#include "text/utf8.h"

namespace neardup::text {
namespace {

// Byte classes of the ASCII fast path.
enum ByteClass : uint8_t {
  kSeparator,
  kLowerOrDigit,  // a-z, 0-9: copied as is
  kUpper,         // A-Z: lowercased
  kApostrophe,    // ': joins two letters, dropped
  kNonAscii,      // 0x80..0xFF: decoded and classified by utf8proc
};

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int b = 0; b < 256; ++b) {
    if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
      t[b] = kLowerOrDigit;
    } else if (b >= 'A' && b <= 'Z') {
      t[b] = kUpper;
    } else if (b == '\'') {
      t[b] = kApostrophe;
    } else if (b >= 0x80) {
      t[b] = kNonAscii;
    } else {
      t[b] = kSeparator;
    }
  }
  return t;
}

constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();

bool IsAsciiLetter(unsigned char b) {
  return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

// The text being tokenized plus the output; one per Tokenize call.
class Scanner {
 public:
  Scanner(std::string_view text, std::vector<Token>* tokens)
      : text_(text),
        bytes_(reinterpret_cast<const unsigned char*>(text.data())),
        tokens_(tokens) {}

  void Run() {
    size_t pos = 0;
    const size_t n = text_.size();
    while (pos < n) {
      if (n - pos >= kBlockBytes) {
        bool step = false;
        pos = ScanBlock(pos, &step);
        if (!step) continue;
      }
      pos = Step(pos);
    }
  }

 private:
  static constexpr size_t kBlockBytes = 64;

  // The fast path for plain ASCII: classifies the kBlockBytes bytes at `pos`
  // (an item boundary, never inside a word) and emits every word of ASCII
  // letters and digits that ends before the block's first apostrophe or
  // non-ASCII byte and before its last byte, hashing its lowercased copy.
  // Returns where it stopped, again an item boundary; sets *step when the
  // item there needs Step() (an apostrophe, a non-ASCII byte, a word touching
  // one, or a word as long as the block), not when it just leaves the rest
  // of the block (a word cut by its end, or nothing) to the next block.
  size_t ScanBlock(size_t pos, bool* step) {
    alignas(16) char lowered[kBlockBytes];
    uint64_t word = 0;     // bit i: byte pos+i is an ASCII letter or digit
    uint64_t special = 0;  // bit i: byte pos+i is an apostrophe or non-ASCII
    const __m128i case_bit = _mm_set1_epi8(0x20);
    for (size_t k = 0; k < kBlockBytes / 16; ++k) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes_ + pos + 16 * k));
      // Signed compares: non-ASCII bytes are negative, so never in a range.
      const __m128i folded = _mm_or_si128(v, case_bit);
      const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                           _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
      const __m128i apostrophe = _mm_cmpeq_epi8(v, _mm_set1_epi8('\''));
      _mm_store_si128(reinterpret_cast<__m128i*>(lowered + 16 * k),
                      _mm_or_si128(v, _mm_and_si128(upper, case_bit)));
      const int shift = static_cast<int>(16 * k);
      word |= static_cast<uint64_t>(
                  static_cast<uint16_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit))))
              << shift;
      special |= static_cast<uint64_t>(static_cast<uint16_t>(
                     _mm_movemask_epi8(v) | _mm_movemask_epi8(apostrophe)))
                 << shift;
    }
    const size_t limit = special != 0 ? static_cast<size_t>(__builtin_ctzll(special))
                                      : kBlockBytes;
    while (word != 0) {
      const size_t begin = static_cast<size_t>(__builtin_ctzll(word));
      const uint64_t after = ~(word >> begin);
      const size_t end = after != 0 ? begin + static_cast<size_t>(__builtin_ctzll(after))
                                    : kBlockBytes;
      // Emitted only when ended by a plain separator inside the block.
      if (end >= limit || end == kBlockBytes) {
        *step = limit < kBlockBytes || begin == 0;
        return pos + std::min(begin, limit);
      }
      Push(XXH3_64bits(lowered + begin, end - begin), pos + begin, pos + end, false);
      word &= ~uint64_t{0} << end;
    }
    *step = limit < kBlockBytes;
    return pos + limit;
  }

  // One item of the general path at `pos`: a word, a character of a
  // spaceless script, or a separator. Returns the position after it.
  size_t Step(size_t pos) {
    const uint8_t cls = kByteClass[bytes_[pos]];
    if (cls == kLowerOrDigit || cls == kUpper) return ScanWord(pos);
    if (cls != kNonAscii) return pos + 1;
    char32_t cp;
    const size_t len = DecodeUtf8(text_, pos, &cp);
    if (cp == kInvalidCodePoint || !IsWordChar(cp)) return pos + len;
    if (IsUnspacedScript(cp)) return ScanUnspacedChar(pos, len);
    return ScanWord(pos);
  }

  // True if a letter of a space-separated script starts at `pos`.
  bool LetterAt(size_t pos) const {
    if (pos >= text_.size()) return false;
    if (bytes_[pos] < 0x80) return IsAsciiLetter(bytes_[pos]);
    char32_t cp;
    DecodeUtf8(text_, pos, &cp);
    return cp != kInvalidCodePoint && IsLetter(cp) && !IsUnspacedScript(cp);
  }

  // True if a word character of a space-separated script starts at `pos`.
  bool WordCharAt(size_t pos) const {
    if (pos >= text_.size()) return false;
    const uint8_t cls = kByteClass[bytes_[pos]];
    if (cls != kNonAscii) return cls == kLowerOrDigit || cls == kUpper;
    char32_t cp;
    DecodeUtf8(text_, pos, &cp);
    return cp != kInvalidCodePoint && IsWordChar(cp) && !IsUnspacedScript(cp);
  }

  // Scans the word starting at `begin` (a word character of a spaced
  // script), emits it and returns the position after it.
  size_t ScanWord(size_t begin) {
    const size_t n = text_.size();
    size_t pos = begin;
    bool ascii = true;       // no non-ASCII byte: fast path
    bool rewrite = false;    // uppercase or apostrophe: needs a copy
    while (pos < n) {
      const uint8_t cls = kByteClass[bytes_[pos]];
      if (cls == kLowerOrDigit) {
        ++pos;
      } else if (cls == kUpper) {
        rewrite = true;
        ++pos;
      } else if (cls == kApostrophe) {
        if (!LetterAt(pos + 1)) break;
        rewrite = true;
        ++pos;
      } else if (cls == kNonAscii) {
        char32_t cp;
        const size_t len = DecodeUtf8(text_, pos, &cp);
        if (cp == kInvalidCodePoint) break;
        if (IsApostrophe(cp) && cp != 0x02BC) {
          // Dropped from the normalized form, so the rest of the word may
          // still take the ASCII path.
          if (!LetterAt(pos + len)) break;
          rewrite = true;
          pos += len;
          continue;
        }
        const bool continues = IsInWordIgnorable(cp)
                                   ? WordCharAt(pos + len)
                                   : IsWordChar(cp) && !IsUnspacedScript(cp);
        if (!continues) break;
        ascii = false;
        pos += len;
      } else {
        break;
      }
    }
    if (ascii) {
      EmitAscii(begin, pos, rewrite);
    } else {
      EmitNormalized(begin, pos, /*unspaced=*/false);
    }
    return pos;
  }

  // Emits the character of a spaceless script at `begin` (with any marks
  // that follow it) as one token; returns the position after it.
  size_t ScanUnspacedChar(size_t begin, size_t len) {
    size_t pos = begin + len;
    while (pos < text_.size() && bytes_[pos] >= 0x80) {
      char32_t cp;
      const size_t mark_len = DecodeUtf8(text_, pos, &cp);
      if (cp == kInvalidCodePoint || !IsMark(cp)) break;
      pos += mark_len;
    }
    EmitNormalized(begin, pos, /*unspaced=*/true);
    return pos;
  }

  // Emits a word whose only non-ASCII characters are apostrophes: lowercase
  // it, drop the apostrophes and hash, without calling utf8proc.
  void EmitAscii(size_t begin, size_t end, bool rewrite) {
    const size_t length = end - begin;
    if (!rewrite) {
      Push(XXH3_64bits(text_.data() + begin, length), begin, end, false);
      return;
    }
    constexpr size_t kStackBytes = 64;
    char stack[kStackBytes];
    thread_local std::string long_word;
    char* out = stack;
    if (length > kStackBytes) {
      long_word.resize(length);
      out = long_word.data();
    }
    size_t n = 0;
    for (size_t i = begin; i < end; ++i) {
      const unsigned char b = bytes_[i];
      const uint8_t cls = kByteClass[b];
      if (cls == kApostrophe || cls == kNonAscii) continue;
      out[n++] = static_cast<char>(cls == kUpper ? b + ('a' - 'A') : b);
    }
    Push(XXH3_64bits(out, n), begin, end, false);
  }

  void EmitNormalized(size_t begin, size_t end, bool unspaced) {
    thread_local std::string normalized;
    NormalizeInto(text_.substr(begin, end - begin), &normalized);
    Push(XXH3_64bits(normalized.data(), normalized.size()), begin, end,
         unspaced);
  }

  void Push(uint64_t hash, size_t begin, size_t end, bool unspaced) {
    Token t;
    t.hash = hash;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    t.unspaced = unspaced;
    tokens_->push_back(t);
  }

  std::string_view text_;
  const unsigned char* bytes_;
  std::vector<Token>* tokens_;
};

}  // namespace

void Tokenizer::Tokenize(std::string_view text,
                         std::vector<Token>* tokens) const {
  Scanner(text, tokens).Run();
}

}  // namespace neardup::text
