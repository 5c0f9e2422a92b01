// Tests of the tokenizer: word splitting, offsets, normalization, scripts.
#include "text/tokenizer.h"

#include <xxhash.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/script_class.h"
#include "text/utf8.h"

namespace neardup::text {
namespace {

// A small deterministic random source for generated texts: next(n) is in
// [0, n).
class TestRandom {
 public:
  explicit TestRandom(uint64_t seed) : state_(seed) {}
  uint64_t operator()(uint64_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % n;
  }

 private:
  uint64_t state_;
};

std::vector<Token> Tokens(std::string_view text) {
  std::vector<Token> tokens;
  Tokenizer().Tokenize(text, &tokens);
  return tokens;
}

// The original bytes of each token.
std::vector<std::string> Slices(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokens(text)) {
    out.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

uint64_t Hash(std::string_view normalized) {
  return XXH3_64bits(normalized.data(), normalized.size());
}

std::vector<uint64_t> Hashes(std::string_view text) {
  std::vector<uint64_t> out;
  for (const Token& t : Tokens(text)) out.push_back(t.hash);
  return out;
}

using Strings = std::vector<std::string>;

TEST_CASE("punctuation and spaces split words", "[tokenizer]") {
  CHECK(Slices("Washington.Chinese") == Strings{"Washington", "Chinese"});
  CHECK(Slices("  Hello,  world!\n") == Strings{"Hello", "world"});
  CHECK(Slices("well-known 3.5 U.S.") ==
        Strings{"well", "known", "3", "5", "U", "S"});
  CHECK(Slices("").empty());
  CHECK(Slices(" ,.;!?\t\n").empty());
}

TEST_CASE("token hash is XXH3 of the lowercase form", "[tokenizer]") {
  const auto tokens = Tokens("The Quick fox");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].hash == Hash("the"));
  CHECK(tokens[1].hash == Hash("quick"));
  CHECK(tokens[2].hash == Hash("fox"));
  CHECK_FALSE(tokens[0].unspaced);
}

TEST_CASE("offsets slice back to the original words", "[tokenizer]") {
  const std::string text = "Café «Ünïcode» — don’t 李强 Москва, x";
  const auto tokens = Tokens(text);
  const Strings expected = {"Café", "Ünïcode", "don’t", "李", "强",
                            "Москва", "x"};
  REQUIRE(tokens.size() == expected.size());
  uint32_t previous_end = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    CHECK(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin) ==
          expected[i]);
    CHECK(tokens[i].begin >= previous_end);
    previous_end = tokens[i].end;
  }
}

TEST_CASE("apostrophes inside words are dropped consistently",
          "[tokenizer]") {
  const auto straight = Hashes("don't");
  const auto curly = Hashes("don\u2019t");
  const auto none = Hashes("dont");
  REQUIRE(straight.size() == 1);
  CHECK(straight == curly);
  CHECK(straight == none);
  CHECK(Slices("China’s economy") == Strings{"China’s", "economy"});
  // Not between two letters: a separator.
  CHECK(Slices("'quoted' dogs' end") == Strings{"quoted", "dogs", "end"});
  CHECK(NormalizeWord("L’Oréal") == "loréal");
}

TEST_CASE("NFKC and case folding", "[tokenizer]") {
  CHECK(NormalizeWord("\uFB01") == "fi");                       // ﬁ ligature
  CHECK(NormalizeWord("ＡＢＣ１２３") == "abc123");              // full width
  CHECK(NormalizeWord("ÉCOLE") == NormalizeWord("école"));
  CHECK(NormalizeWord("e\u0301cole") == NormalizeWord("école"));  // combining
  CHECK(NormalizeWord("Straße") == "strasse");
  CHECK(NormalizeWord("МОСКВА") == "москва");
  CHECK(Hashes("ÉCOLE") == Hashes("école"));
  CHECK(Hashes("Ｈｅｌｌｏ") == Hashes("hello"));
  CHECK(Hashes("\uFB01nance") == Hashes("finance"));
  // A combining mark stays in its word.
  CHECK(Slices("cafe\u0301 ok") == Strings{"cafe\u0301", "ok"});
}

TEST_CASE("typographic quotes and dashes fold to ASCII", "[tokenizer]") {
  CHECK(NormalizeWord("\u201Cx\u201D") == "\"x\"");
  CHECK(NormalizeWord("\u2018x\u2019") == "'x'");
  CHECK(NormalizeWord("a\u2013b\u2014c") == "a-b-c");
  // As separators they split words like their ASCII forms.
  CHECK(Slices("“Hello”—world") == Strings{"Hello", "world"});
}

TEST_CASE("characters of spaceless scripts are tokens of their own",
          "[tokenizer]") {
  const std::string text = "Premier 李强 met Raimondo";
  const auto tokens = Tokens(text);
  REQUIRE(tokens.size() == 5);
  CHECK_FALSE(tokens[0].unspaced);
  CHECK(tokens[1].unspaced);
  CHECK(tokens[2].unspaced);
  CHECK(tokens[1].hash == Hash("李"));
  CHECK(tokens[2].hash == Hash("强"));
  CHECK_FALSE(tokens[3].unspaced);
  // Glued to Latin letters, they still split.
  CHECK(Slices("Li强Qiang") == Strings{"Li", "强", "Qiang"});
  CHECK(Slices("ひらがなカタカナ") ==
        Strings{"ひ", "ら", "が", "な", "カ", "タ", "カ", "ナ"});
}

TEST_CASE("Thai characters keep their marks", "[tokenizer]") {
  // ก + MAI EK (U+0E48, a nonspacing mark) is one token.
  const std::string text = "ก\u0E48ข";
  const auto tokens = Tokens(text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].unspaced);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) ==
        "ก\u0E48");
}

TEST_CASE("Hangul and Cyrillic are space-separated words", "[tokenizer]") {
  const auto korean = Tokens("한국 정부");
  REQUIRE(korean.size() == 2);
  CHECK_FALSE(korean[0].unspaced);
  CHECK(Slices("Привет, мир") == Strings{"Привет", "мир"});
}

TEST_CASE("ill-formed bytes are separators and never crash", "[tokenizer]") {
  CHECK(Slices("ab\xFF" "cd") == Strings{"ab", "cd"});
  CHECK(Slices("ab\xE2\x80") == Strings{"ab"});
  CHECK(Slices("\xC3") .empty());
  CHECK(Slices("x\xED\xA0\x80y") == Strings{"x", "y"});  // surrogate
  CHECK(Slices("x\xC0\xAFy") == Strings{"x", "y"});      // overlong '/'
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  const auto tokens = Tokens(all_bytes + all_bytes);
  for (const Token& t : tokens) {
    CHECK(t.begin < t.end);
    CHECK(t.end <= 2 * all_bytes.size());
  }
}

TEST_CASE("tokens are appended, not replaced", "[tokenizer]") {
  std::vector<Token> tokens;
  Tokenizer tokenizer;
  tokenizer.Tokenize("one two", &tokens);
  tokenizer.Tokenize("three", &tokens);
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[2].hash == Hash("three"));
}


// A reference tokenizer for texts written with a small alphabet: ASCII, é (a
// letter of a spaced script), the apostrophes ' and ’, and 中 (a character of
// a spaceless script). Words are runs of letters and digits joined by an
// apostrophe that a letter follows; 中 is a token of its own.
struct ReferenceToken {
  size_t begin, end;
  bool unspaced;
};

std::vector<ReferenceToken> ReferenceTokens(std::string_view text) {
  struct Char {
    size_t begin, end;
    bool letter, word, apostrophe, unspaced;
  };
  std::vector<Char> chars;
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    Char c{pos, pos + 1, false, false, false, false};
    if (text.substr(pos, 2) == "\xC3\xA9") {
      c.end = pos + 2;
      c.letter = c.word = true;
    } else if (text.substr(pos, 3) == "\xE2\x80\x99") {
      c.end = pos + 3;
      c.apostrophe = true;
    } else if (text.substr(pos, 3) == "\xE4\xB8\xAD") {
      c.end = pos + 3;
      c.unspaced = true;
    } else {
      c.letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
      c.word = c.letter || (b >= '0' && b <= '9');
      c.apostrophe = b == '\'';
    }
    chars.push_back(c);
    pos = c.end;
  }
  std::vector<ReferenceToken> tokens;
  for (size_t i = 0; i < chars.size();) {
    if (chars[i].unspaced) {
      tokens.push_back({chars[i].begin, chars[i].end, true});
      ++i;
    } else if (chars[i].word) {
      size_t j = i + 1;
      while (j < chars.size() &&
             (chars[j].word ||
              (chars[j].apostrophe && j + 1 < chars.size() && chars[j + 1].letter))) {
        ++j;
      }
      tokens.push_back({chars[i].begin, chars[j - 1].end, false});
      i = j;
    } else {
      ++i;
    }
  }
  return tokens;
}

TEST_CASE("long mixed texts match the reference, whatever falls on block edges",
          "[tokenizer]") {
  const std::vector<std::string> pieces = {
      "a", "Z", "k", "Q", "7", "0", " ", " ", "\n", ".", ",", "-", "'", "\xE2\x80\x99",
      "\xC3\xA9", "\xE4\xB8\xAD"};
  TestRandom next(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = next(600);
    const bool mostly_ascii = round % 2 == 0;
    while (text.size() < length) {
      const uint64_t kind = next(10);
      if (kind < 4) {  // a plain word, sometimes longer than a 64-byte block
        const size_t word = 1 + next(kind == 0 ? 90 : 12);
        for (size_t i = 0; i < word; ++i) text += static_cast<char>('a' + next(26));
        text += ' ';
      } else {
        const size_t limit = mostly_ascii ? 12 : pieces.size();
        text += pieces[next(limit)];
      }
    }
    INFO(text);
    const std::vector<Token> tokens = Tokens(text);
    const std::vector<ReferenceToken> expected = ReferenceTokens(text);
    REQUIRE(tokens.size() == expected.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      const std::string_view slice(text.data() + expected[i].begin,
                                   expected[i].end - expected[i].begin);
      REQUIRE(tokens[i].begin == expected[i].begin);
      REQUIRE(tokens[i].end == expected[i].end);
      REQUIRE(tokens[i].unspaced == expected[i].unspaced);
      REQUIRE(tokens[i].hash == Hash(NormalizeWord(slice)));
    }
  }
}

// Checks the properties that define the tokenizer on `text`: tokens are in
// order, non-empty and inside the text; each one alone is one token with the
// same hash, which is XXH3 of its normalized form; every word character is
// in a token; a run of letters and digits of spaced scripts is never split;
// a character (not a mark) of a spaceless script starts a token of its own.
void CheckTokenizerProperties(std::string_view text) {
  INFO(std::string(text));
  const std::vector<Token> tokens = Tokens(text);
  std::vector<int> token_at(text.size(), -1);  // the token holding each byte
  uint32_t previous_end = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    REQUIRE(t.begin < t.end);
    REQUIRE(t.begin >= previous_end);
    REQUIRE(t.end <= text.size());
    previous_end = t.end;
    std::fill(token_at.begin() + t.begin, token_at.begin() + t.end, static_cast<int>(i));
    const std::string_view word = text.substr(t.begin, t.end - t.begin);
    REQUIRE(t.hash == Hash(NormalizeWord(word)));
    const std::vector<Token> alone = Tokens(word);
    REQUIRE(alone.size() == 1);
    REQUIRE(alone[0].begin == 0);
    REQUIRE(alone[0].end == word.size());
    REQUIRE(alone[0].hash == t.hash);
    REQUIRE(alone[0].unspaced == t.unspaced);
  }
  int run_token = -1;  // the token of the current run of letters and digits
  for (size_t pos = 0; pos < text.size();) {
    char32_t cp;
    const size_t len = DecodeUtf8(text, pos, &cp);
    const bool word_char = cp != kInvalidCodePoint && IsWordChar(cp);
    if (word_char) REQUIRE(token_at[pos] >= 0);
    if (word_char && IsUnspacedScript(cp)) {
      REQUIRE(tokens[token_at[pos]].unspaced);
      if (!IsMark(cp)) REQUIRE(tokens[token_at[pos]].begin == pos);
    }
    // Marks of spaced scripts neither extend nor end a run (after a
    // character of a spaceless script they belong to its token).
    const bool spaced = word_char && !IsUnspacedScript(cp);
    if (spaced && !IsMark(cp)) {
      if (run_token >= 0) REQUIRE(token_at[pos] == run_token);
      run_token = token_at[pos];
    } else if (!spaced) {
      run_token = -1;
    }
    if (!word_char && token_at[pos] >= 0) {
      // Inside a token, only apostrophes and invisible joiners between its
      // characters.
      REQUIRE((IsApostrophe(cp) || IsInWordIgnorable(cp)));
      REQUIRE(pos > tokens[token_at[pos]].begin);
      REQUIRE(pos + len < tokens[token_at[pos]].end);
    }
    pos += len;
  }
}

TEST_CASE("random texts of every kind of character keep the tokenizer's properties",
          "[tokenizer]") {
  const std::vector<std::string> pieces = {
      " ", " ", "\n", ".", ",", "-", "\"", "'", "'",
      "\xE2\x80\x99",  // ’
      "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x94",  // “ ” —
      "\xC3\xA9", "\xC3\x89", "\xD0\x96", "\xD0\xB6",   // é É Ж ж
      "\xCC\x81",        // combining acute
      "\xE4\xB8\xAD", "\xE5\xBC\xBA",  // 中 强
      "\xE0\xB8\x81", "\xE0\xB9\x88",  // Thai ก, MAI EK
      "\xC2\xAD", "\xE2\x80\x8D",      // soft hyphen, zero width joiner
      "\xEF\xAC\x81",                   // ﬁ
      "\x80", "\xFF", "\xC3", "\xE2\x80", "\xED\xA0\x80", "\xC0\xAF"};
  TestRandom next(2024);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t length = next(400);
    while (text.size() < length) {
      if (next(2) == 0) {  // an ASCII word of letters, digits and capitals
        const size_t word = 1 + next(next(4) == 0 ? 80 : 12);
        for (size_t i = 0; i < word; ++i) {
          static constexpr char kAlphabet[] =
              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
          text += kAlphabet[next(sizeof(kAlphabet) - 1)];
        }
      } else {
        text += pieces[next(pieces.size())];
      }
    }
    CheckTokenizerProperties(text);
  }
}

TEST_CASE("ASCII words of every length at every offset of a block are single tokens",
          "[tokenizer]") {
  // The fast path scans 64-byte blocks: words cut by a block end, or longer
  // than a block, must come out whole.
  const std::vector<std::string> before = {"", " ", "\xE4\xB8\xAD", "x-", "\xE2\x80\x9C"};
  const std::vector<std::string> after = {"", " ", ".", "\xFF", "\xE4\xB8\xAD", "'",
                                          "\xE2\x80\x99 ", "\xE2\x80\x94"};
  for (size_t length = 1; length <= 80; ++length) {
    std::string word;
    std::string lowered;
    for (size_t i = 0; i < length; ++i) {
      const char c = "aZ7qW0xYb"[i % 9];
      word += c;
      lowered += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    for (size_t offset = 0; offset < 130; ++offset) {
      for (const std::string& b : before) {
        for (const std::string& a : after) {
          std::string text(offset, ' ');
          for (size_t i = 1; i + 1 < offset; i += 4) text[i] = 'k';  // other words
          text += b;
          const size_t begin = text.size();
          text += word;
          text += a;
          text += " tail words";
          const std::vector<Token> tokens = Tokens(text);
          const auto it = std::find_if(tokens.begin(), tokens.end(),
                                       [&](const Token& t) { return t.begin == begin; });
          INFO(text);
          REQUIRE(it != tokens.end());
          CHECK(it->end == begin + length);
          CHECK(it->hash == Hash(lowered));
        }
      }
    }
  }
  for (size_t offset = 0; offset < 70; offset += 3) {
    std::string text(offset, ' ');
    text += "Ab\xC3\xA9" "cd efgh\xE2\x80\x99ij kl'mn \xE4\xB8\xAD\xE5\xBC\xBA xy";
    CheckTokenizerProperties(text);
  }
}

}  // namespace
}  // namespace neardup::text
