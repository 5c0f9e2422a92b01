#include "text/tokenizer.h"

// Inlined XXH3 (the same hash values as the library): one hash per word is
// the tokenizer's hottest call.
#define XXH_INLINE_ALL
#include <xxhash.h>

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
      const uint8_t cls = kByteClass[bytes_[pos]];
      if (cls == kLowerOrDigit || cls == kUpper) {
        pos = ScanWord(pos);
        continue;
      }
      if (cls != kNonAscii) {
        ++pos;
        continue;
      }
      char32_t cp;
      const size_t len = DecodeUtf8(text_, pos, &cp);
      if (cp == kInvalidCodePoint || !IsWordChar(cp)) {
        pos += len;
      } else if (IsUnspacedScript(cp)) {
        pos = ScanUnspacedChar(pos, len);
      } else {
        pos = ScanWord(pos);
      }
    }
  }

 private:
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
