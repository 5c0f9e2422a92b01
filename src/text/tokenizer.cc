#include "text/tokenizer.h"

// Inlined XXH3 (the same hash values as the library): one hash per word is
// the tokenizer's hottest call.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <immintrin.h>  // SSE2 (every x86-64) and AVX-512, picked at run time

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

// The index of the lowest set bit of `mask`, which is not zero.
unsigned LowestBit(uint64_t mask) {
  return static_cast<unsigned>(__builtin_ctzll(mask));
}

bool IsAsciiLetter(unsigned char b) {
  return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

// Bit masks over the 64 bytes of a block of text, bit i for byte i.
struct BlockMasks {
  uint64_t word;     // an ASCII letter or digit
  uint64_t special;  // an apostrophe or a non-ASCII byte
};

constexpr size_t kBlockBytes = 64;

// A block classifier: the masks of the kBlockBytes bytes at `in`, which it
// also writes to `lowered` with A-Z lowercased. One per instruction set.
using ClassifyFn = BlockMasks (*)(const unsigned char* in, char* lowered);

// A mask of the bytes of `v` in [lo, hi] (hi - lo < 127): moved to the top
// of the signed range, they are exactly those above its threshold.
__m128i InRange(__m128i v, char lo, char hi) {
  const int bias = 127 - hi;
  return _mm_cmpgt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(bias))),
                        _mm_set1_epi8(static_cast<char>(lo + bias - 1)));
}

// The classifier for any x86-64 (SSE2).
BlockMasks ClassifySse2(const unsigned char* in, char* lowered) {
  BlockMasks m{0, 0};
  const __m128i case_bit = _mm_set1_epi8(0x20);
  for (size_t k = 0; k < kBlockBytes / 16; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 16 * k));
    const __m128i word = _mm_or_si128(InRange(_mm_or_si128(v, case_bit), 'a', 'z'),
                                      InRange(v, '0', '9'));
    const __m128i upper = InRange(v, 'A', 'Z');
    _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered + 16 * k),
                     _mm_or_si128(v, _mm_and_si128(upper, case_bit)));
    // The sign bit marks non-ASCII bytes.
    const __m128i special = _mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
    const int shift = static_cast<int>(16 * k);
    m.word |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(word)))
              << shift;
    m.special |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(special)))
                 << shift;
  }
  return m;
}

// The same with AVX-512BW: one 64-byte register per block.
__attribute__((target("avx512f,avx512bw"))) BlockMasks ClassifyAvx512(
    const unsigned char* in, char* lowered) {
  const __m512i v = _mm512_loadu_si512(in);
  const __m512i folded = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
  // Unsigned range tests: x - lo <= hi - lo.
  const __mmask64 letter = _mm512_cmple_epu8_mask(
      _mm512_sub_epi8(folded, _mm512_set1_epi8('a')), _mm512_set1_epi8('z' - 'a'));
  const __mmask64 digit = _mm512_cmple_epu8_mask(
      _mm512_sub_epi8(v, _mm512_set1_epi8('0')), _mm512_set1_epi8('9' - '0'));
  const __mmask64 upper = _mm512_cmple_epu8_mask(
      _mm512_sub_epi8(v, _mm512_set1_epi8('A')), _mm512_set1_epi8('Z' - 'A'));
  _mm512_storeu_si512(lowered, _mm512_mask_mov_epi8(v, upper, folded));
  const __mmask64 special =
      _mm512_movepi8_mask(v) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\''));
  return BlockMasks{letter | digit, special};
}

// The fastest classifier this CPU runs.
ClassifyFn PickClassifier() {
  return __builtin_cpu_supports("avx512bw") ? ClassifyAvx512 : ClassifySse2;
}

// The text being tokenized plus the output; one per Tokenize call.
class Scanner {
 public:
  Scanner(std::string_view text, std::vector<Token>* tokens)
      : text_(text),
        bytes_(reinterpret_cast<const unsigned char*>(text.data())),
        tokens_(tokens) {}

  // Tokenizes the whole text, block by block. The next block is classified
  // before the words of this one are emitted, at the place ScanBlock() most
  // likely goes on from (Planned()), so that the two overlap; when the
  // general path takes it elsewhere, the block there is classified instead.
  void Run() {
    static const ClassifyFn classify = PickClassifier();
    if (text_.empty()) return;
    alignas(64) char lowered[2][kBlockBytes];
    int current = 0;
    BlockMasks m = Classify(classify, 0, lowered[current]);
    for (size_t pos = 0; pos < text_.size();) {
      const size_t planned = pos + Planned(m);
      BlockMasks next_m{};
      if (planned < text_.size()) {
        next_m = Classify(classify, planned, lowered[current ^ 1]);
      }
      const size_t next = ScanBlock(pos, m, lowered[current]);
      if (next != planned && next < text_.size()) {
        next_m = Classify(classify, next, lowered[current ^ 1]);
      }
      pos = next;
      m = next_m;
      current ^= 1;
    }
  }

 private:
  // The masks of the kBlockBytes bytes at `pos`, written lowercased to
  // `lowered`; past the end of the text the block reads as separators.
  BlockMasks Classify(ClassifyFn classify, size_t pos, char* lowered) const {
    if (text_.size() - pos >= kBlockBytes) return classify(bytes_ + pos, lowered);
    unsigned char tail[kBlockBytes] = {};
    std::copy(bytes_ + pos, bytes_ + text_.size(), tail);
    return classify(tail, lowered);
  }

  // The offset of the next block from one with masks `m`, unless the
  // general path takes the scan further: the start of a word cut by the
  // block end (0 if the word fills the block), else kBlockBytes.
  static size_t Planned(BlockMasks m) {
    if ((m.word >> (kBlockBytes - 1)) == 0) return kBlockBytes;
    const uint64_t starts = m.word & ~(m.word << 1);
    return kBlockBytes - 1 - static_cast<size_t>(__builtin_clzll(starts));
  }

  // The fast path for plain ASCII, over the block at `pos` (an item
  // boundary, never inside a word) with masks `m` and bytes `lowered`:
  // emits, hashing their lowercased bytes, the words of ASCII letters and
  // digits that a separator follows inside the block; an apostrophe or
  // non-ASCII byte, with any word touching it, is left to Step(), and the
  // scan goes on after it in the same block. Returns the next item boundary:
  // pos + Planned(m), or the end of the general path's last item if that is
  // further, or of a word that fills the block.
  size_t ScanBlock(size_t pos, BlockMasks m, const char* lowered) {
    uint64_t starts = m.word & ~(m.word << 1);  // a word's first byte
    uint64_t ends = ~m.word & (m.word << 1);    // the byte after a word
    uint64_t special = m.special;
    std::vector<Token>& out = *tokens_;
    const uint32_t base = static_cast<uint32_t>(pos);
    for (;;) {
      // The words that end before the first special byte.
      uint64_t emit = ends & ((special & -special) - 1);
      ends ^= emit;
      while (emit != 0) {
        const unsigned begin = LowestBit(starts);
        const unsigned end = LowestBit(emit);
        out.push_back(Token{XXH3_64bits(lowered + begin, end - begin), base + begin,
                            base + end, false});
        starts &= starts - 1;
        emit &= emit - 1;
      }
      if (special == 0) break;
      // One item of the general path: the word touching the special byte,
      // or that byte's character.
      const unsigned limit = LowestBit(special);
      const unsigned from = starts != 0 ? std::min(LowestBit(starts), limit) : limit;
      const size_t next = Step(pos + from);
      if (next >= pos + kBlockBytes) return next;
      const unsigned skip = static_cast<unsigned>(next - pos);
      starts &= ~uint64_t{0} << skip;
      ends &= ~uint64_t{1} << skip;
      special &= ~uint64_t{0} << skip;
    }
    // Left: at most a word cut by the block end, which the next block
    // starts with, or which fills the block and is left to Step().
    const size_t cut = Planned(m);
    return cut > 0 ? pos + cut : Step(pos);
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
