// Tests of the tokenizer: word splitting, offsets, normalization, scripts.
#include "text/tokenizer.h"

#include <xxhash.h>

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace neardup::text {
namespace {

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
  uint64_t state = 12345;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
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

}  // namespace
}  // namespace neardup::text
