// Splits text into normalized word tokens with their byte offsets.
#ifndef NEARDUP_TEXT_TOKENIZER_H_
#define NEARDUP_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace neardup::text {

// Bumped whenever a change to tokenization or normalization changes token
// hashes, so that a persistent index built with older hashes is refused.
inline constexpr int kNormalizationVersion = 1;

// A word, or in a script written without spaces (Han, Hiragana, Katakana,
// Thai, Lao, Khmer, Myanmar, ...) a single character with the combining
// marks that follow it.
struct Token {
  uint64_t hash = 0;   // XXH3-64 of the normalized form (see NormalizeWord)
  uint32_t begin = 0;  // byte offset of the token in the original text
  uint32_t end = 0;    // one past its last byte
  bool unspaced = false;  // a character of a script written without spaces
};

// Tokenizer: a token is a maximal run of Unicode letters, marks and digits
// (general categories L*, M*, N*), so punctuation and spaces split words
// ("Washington.Chinese" gives two words) — except that a character of a
// script written without spaces is a token of its own. The normalized form of
// a token is NFKC + case folding (utf8proc); an apostrophe (' ’ ‘ ‛ ′ ʼ)
// between a word character and a letter is part of the word and dropped from
// its normalized form, so don't, don’t and dont give the same token. Other
// typographic quotes and dashes fold to ASCII (NormalizeWord).
// Words of ASCII letters and digits (apostrophes allowed) are lowercased and
// hashed without utf8proc or heap allocation.
// Input should be valid UTF-8 (readers guarantee it); ill-formed bytes are
// separators, never a crash. Offsets fit uint32 since records are capped
// well below 4 GiB. Stateless and thread-safe.
class Tokenizer {
 public:
  // Appends the tokens of `text` to `tokens` (does not clear it).
  void Tokenize(std::string_view text, std::vector<Token>* tokens) const;
};

// The normalized form of one word (NFKC + case fold + the folds above).
std::string NormalizeWord(std::string_view word);

}  // namespace neardup::text

#endif  // NEARDUP_TEXT_TOKENIZER_H_
