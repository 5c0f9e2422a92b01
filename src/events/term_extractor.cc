#include "events/term_extractor.h"

#include <algorithm>
#include <array>

#include "events/stop_words.h"
#include "utf8proc.h"
#include "xxhash.h"

namespace neardup::events {
namespace {

// Occurrences of a name pair or whole name count this much: shared names
// tell one event from another on the same topic better than shared words.
constexpr float kNameWeight = 2;

// Lower-case words that may sit inside a multi-word name.
constexpr std::array<std::string_view, 14> kConnectors = {
    "of", "the", "de", "du", "la", "le", "von", "van", "der", "den",
    "al", "bin", "da", "di"};

// Decodes the code point at `pos`; returns its byte length (1 on bad input).
int DecodeAt(std::string_view s, size_t pos, utf8proc_int32_t* cp) {
  const auto n = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
      static_cast<utf8proc_ssize_t>(s.size() - pos), cp);
  return n > 0 ? static_cast<int>(n) : 1;
}

// "Blinken’s" / "Blinken's" -> "Blinken".
std::string_view DropPossessive(std::string_view word) {
  for (std::string_view suffix : {"\xE2\x80\x99s", "\xE2\x80\x99S", "'s", "'S"}) {
    if (word.size() > suffix.size() && word.ends_with(suffix)) {
      return word.substr(0, word.size() - suffix.size());
    }
  }
  return word;
}

// Folds ё (U+0451) to е (U+0435); Russian writes both for one letter.
void FoldYo(std::string* word) {
  for (size_t i = 0; i + 1 < word->size(); ++i) {
    if ((*word)[i] == '\xD1' && (*word)[i + 1] == '\x91') {
      (*word)[i] = '\xD0';
      (*word)[i + 1] = '\xB5';
    }
  }
}

// Counts code points and tells whether all are numeric.
struct WordShape {
  int code_points = 0;
  bool all_numeric = true;
  size_t stem_bytes = 0;  // bytes of the stem (see TermExtractor)
};

WordShape ShapeOf(std::string_view word) {
  WordShape shape;
  int stem_length = TermExtractor::kStemLength;
  for (size_t pos = 0; pos < word.size();) {
    utf8proc_int32_t cp = 0;
    pos += DecodeAt(word, pos, &cp);
    if (++shape.code_points == 1 && cp >= 0x0400 && cp <= 0x04FF) {
      stem_length = TermExtractor::kCyrillicStemLength;
    }
    const auto category = utf8proc_category(cp);
    if (category != UTF8PROC_CATEGORY_ND && category != UTF8PROC_CATEGORY_NL &&
        category != UTF8PROC_CATEGORY_NO) {
      shape.all_numeric = false;
    }
    if (shape.code_points <= stem_length) shape.stem_bytes = pos;
  }
  return shape;
}

uint64_t TermId(char kind, std::string_view key) {
  std::string keyed;
  keyed.reserve(key.size() + 2);
  keyed.push_back(kind);
  keyed.push_back(':');
  keyed.append(key);
  return XXH3_64bits(keyed.data(), keyed.size());
}

bool IsSingleSpaceGap(std::string_view gap) {
  return gap == " " || gap == "\xC2\xA0";
}

// One spaced token as the name finder sees it.
struct Word {
  std::string stem;  // empty when the token is not a content word
  uint32_t begin = 0, end = 0;
  bool name = false;       // capitalised content word
  bool connector = false;  // "of", "the", ... in lower case
};

// Accumulates term counts and first surfaces.
class TermSink {
 public:
  TermSink(std::string_view text,
           absl::flat_hash_map<uint64_t, std::string_view>* surfaces)
      : text_(text), surfaces_(surfaces) {}

  void Add(uint64_t term, uint32_t begin, uint32_t end, float weight = 1) {
    counts_[term] += weight;
    if (surfaces_ != nullptr) {
      surfaces_->try_emplace(term, DropPossessive(text_.substr(begin, end - begin)));
    }
  }

  std::vector<TermCount> Sorted() const {
    std::vector<TermCount> terms;
    terms.reserve(counts_.size());
    for (const auto& [term, count] : counts_) terms.push_back({term, count});
    std::sort(terms.begin(), terms.end(),
              [](const TermCount& a, const TermCount& b) { return a.term < b.term; });
    return terms;
  }

 private:
  std::string_view text_;
  absl::flat_hash_map<uint64_t, std::string_view>* surfaces_;
  absl::flat_hash_map<uint64_t, float> counts_;
};

// Emits the name terms of one run of capitalised words (`run` holds indices
// into `words`; connectors are skipped when pairing).
void EmitNameRun(const std::vector<Word>& words, const std::vector<size_t>& run,
                 bool has_connector, TermSink* sink) {
  if (run.size() < 2) return;
  for (size_t i = 0; i + 1 < run.size(); ++i) {
    const Word& a = words[run[i]];
    const Word& b = words[run[i + 1]];
    sink->Add(TermId('n', a.stem + " " + b.stem), a.begin, b.end, kNameWeight);
  }
  if (run.size() >= 3 || has_connector) {
    std::string key;
    for (size_t index : run) {
      if (!key.empty()) key.push_back(' ');
      key += words[index].stem;
    }
    sink->Add(TermId('p', key), words[run.front()].begin, words[run.back()].end, kNameWeight);
  }
}

void EmitNames(std::string_view text, const std::vector<Word>& words, TermSink* sink) {
  std::vector<size_t> run;   // name words of the current run
  size_t pending_connectors = 0;
  bool has_connector = false;
  auto flush = [&] {
    EmitNameRun(words, run, has_connector, sink);
    run.clear();
    pending_connectors = 0;
    has_connector = false;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& word = words[i];
    const bool joined =
        i > 0 && IsSingleSpaceGap(text.substr(words[i - 1].end,
                                              word.begin - words[i - 1].end));
    if (!joined) flush();
    if (word.name) {
      if (pending_connectors > 0) has_connector = true;
      pending_connectors = 0;
      run.push_back(i);
    } else if (word.connector && !run.empty() && pending_connectors < 2) {
      ++pending_connectors;
    } else {
      flush();
    }
  }
  flush();
}

}  // namespace

bool TermExtractor::StartsUpperCase(std::string_view word) {
  if (word.empty()) return false;
  utf8proc_int32_t cp = 0;
  DecodeAt(word, 0, &cp);
  const auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

std::vector<TermCount> TermExtractor::Extract(
    std::string_view text,
    absl::flat_hash_map<uint64_t, std::string_view>* surfaces) const {
  std::vector<text::Token> tokens;
  tokenizer_.Tokenize(text, &tokens);
  TermSink sink(text, surfaces);
  std::vector<Word> words;
  words.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& token = tokens[i];
    if (token.unspaced) {
      // Pairs of adjacent characters of a script written without spaces.
      if (i + 1 < tokens.size() && tokens[i + 1].unspaced &&
          tokens[i + 1].begin == token.end) {
        const std::string_view pair =
            text.substr(token.begin, tokens[i + 1].end - token.begin);
        sink.Add(TermId('u', text::NormalizeWord(pair)), token.begin,
                 tokens[i + 1].end);
      }
      continue;
    }
    const std::string_view surface = text.substr(token.begin, token.end - token.begin);
    std::string normalized = text::NormalizeWord(DropPossessive(surface));
    FoldYo(&normalized);
    Word word;
    word.begin = token.begin;
    word.end = token.end;
    const bool connector =
        std::find(kConnectors.begin(), kConnectors.end(), normalized) != kConnectors.end();
    word.connector = connector && !StartsUpperCase(surface);
    const WordShape shape = ShapeOf(normalized);
    if (shape.code_points >= 2 && !shape.all_numeric && !IsStopWord(normalized)) {
      word.stem = normalized.substr(0, shape.stem_bytes);
      word.name = StartsUpperCase(surface);
      sink.Add(TermId('w', word.stem), token.begin, token.end);
    }
    words.push_back(std::move(word));
  }
  EmitNames(text, words, &sink);
  return sink.Sorted();
}

}  // namespace neardup::events
