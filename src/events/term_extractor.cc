#include "events/term_extractor.h"

#include <algorithm>
#include <array>

// Inlined XXH3 (the same hash values as the library): a term id is hashed
// for every word.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "events/stop_words.h"
#include "text/normalize.h"
#include "util/uniform_sort.h"
#include "utf8proc.h"

namespace neardup::events {
namespace {

// Occurrences of a name pair or whole name count this much: shared names
// tell one event from another on the same topic better than shared words.
constexpr float kNameWeight = 2;

// Lower-case words that may sit inside a multi-word name.
constexpr std::array<std::string_view, 14> kConnectors = {
    "of", "the", "de", "du", "la", "le", "von", "van", "der", "den",
    "al", "bin", "da", "di"};
constexpr size_t kLongestConnector = 3;

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

// Counts code points and tells whether all are numeric.
struct WordShape {
  int code_points = 0;
  bool all_numeric = true;
  size_t stem_bytes = 0;  // bytes of the stem (see TermExtractor)
};

WordShape ShapeOf(std::string_view word) {
  WordShape shape;
  if (std::all_of(word.begin(), word.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    // One code point a byte; only the ASCII digits are numeric.
    shape.code_points = static_cast<int>(word.size());
    shape.all_numeric =
        std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    shape.stem_bytes = std::min<size_t>(word.size(), TermExtractor::kStemLength);
    return shape;
  }
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

// The content-word rule (see TermExtractor::IsContentWord).
bool IsContent(const WordShape& shape, std::string_view word) {
  return shape.code_points >= 2 && !shape.all_numeric && !IsStopWord(word);
}

// XXH3 of "<kind>:<key>", built on the stack for keys of usual length.
uint64_t TermId(char kind, std::string_view key) {
  constexpr size_t kStackBytes = 128;
  char stack[kStackBytes];
  thread_local std::string long_key;
  char* keyed = stack;
  if (key.size() + 2 > kStackBytes) {
    long_key.resize(key.size() + 2);
    keyed = long_key.data();
  }
  keyed[0] = kind;
  keyed[1] = ':';
  std::copy(key.begin(), key.end(), keyed + 2);
  return XXH3_64bits(keyed, key.size() + 2);
}

// The normalized form of a word token (possessive 's dropped, ё folded to е)
// in *out. A token of ASCII letters and digits only is just lowercased.
void NormalizeToken(std::string_view surface, std::string* out) {
  const bool ascii_alnum = std::all_of(surface.begin(), surface.end(), [](char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  });
  if (ascii_alnum) {
    out->resize(surface.size());
    // Setting bit 0x20 lowercases a letter and leaves a digit as it is.
    std::transform(surface.begin(), surface.end(), out->begin(),
                   [](char c) { return static_cast<char>(c | 0x20); });
    return;
  }
  text::NormalizeInto(DropPossessive(surface), out);
  TermExtractor::FoldYo(out);
}

bool IsSingleSpaceGap(std::string_view gap) {
  return gap == " " || gap == "\xC2\xA0";
}

// One spaced token as the name finder sees it.
struct Word {
  // The stem (in Scratch::stems), empty when the token is not a content word.
  uint32_t stem_begin = 0, stem_size = 0;
  uint32_t begin = 0, end = 0;
  bool name = false;       // capitalised content word
  bool connector = false;  // "of", "the", ... in lower case
};

// Buffers of one Extract call, kept per thread so that their capacity is
// reused from one document to the next.
struct Scratch {
  std::vector<text::Token> tokens;
  std::vector<Word> words;
  std::string stems;       // the stems of `words`, back to back
  std::string normalized;  // the token being looked at
  std::string key;         // the key of a name term
  std::vector<size_t> run;
  std::vector<TermCount> occurrences;
};

std::string_view StemOf(const Scratch& scratch, const Word& word) {
  return std::string_view(scratch.stems).substr(word.stem_begin, word.stem_size);
}

// Sorts `terms` by term id; ids are hashes, so this takes linear time.
void SortByTerm(std::vector<TermCount>* terms) {
  constexpr int kMaxBucketBits = 16;
  thread_local util::UniformSortBuffers<TermCount> buffers;
  util::SortByUniformKey(
      terms, [](const TermCount& t) { return t.term; },
      [](const TermCount& a, const TermCount& b) { return a.term < b.term; }, kMaxBucketBits,
      &buffers);
}

// Accumulates term occurrences and first surfaces.
class TermSink {
 public:
  TermSink(std::string_view text,
           absl::flat_hash_map<uint64_t, std::string_view>* surfaces,
           const absl::flat_hash_set<uint64_t>* wanted, std::vector<TermCount>* occurrences)
      : text_(text), surfaces_(surfaces), wanted_(wanted), occurrences_(occurrences) {
    occurrences_->clear();
  }

  void Add(uint64_t term, uint32_t begin, uint32_t end, float weight = 1) {
    occurrences_->push_back({term, weight});
    if (surfaces_ != nullptr && (wanted_ == nullptr || wanted_->contains(term))) {
      surfaces_->try_emplace(term, DropPossessive(text_.substr(begin, end - begin)));
    }
  }

  // The distinct terms with their summed weights, sorted by term. (Weights
  // are small whole numbers, so their float sums are exact in any order.)
  std::vector<TermCount> Sorted() {
    SortByTerm(occurrences_);
    size_t distinct = 0;
    for (size_t i = 0; i < occurrences_->size(); ++i) {
      distinct += i == 0 || (*occurrences_)[i].term != (*occurrences_)[i - 1].term;
    }
    std::vector<TermCount> terms;
    terms.reserve(distinct);
    for (const TermCount& t : *occurrences_) {
      if (!terms.empty() && terms.back().term == t.term) {
        terms.back().count += t.count;
      } else {
        terms.push_back(t);
      }
    }
    return terms;
  }

 private:
  std::string_view text_;
  absl::flat_hash_map<uint64_t, std::string_view>* surfaces_;
  const absl::flat_hash_set<uint64_t>* wanted_;
  std::vector<TermCount>* occurrences_;
};

// Emits the name terms of one run of capitalised words (`scratch->run` holds
// indices into `scratch->words`; connectors are skipped when pairing).
void EmitNameRun(bool has_connector, Scratch* scratch, TermSink* sink) {
  const std::vector<size_t>& run = scratch->run;
  const std::vector<Word>& words = scratch->words;
  if (run.size() < 2) return;
  std::string& key = scratch->key;
  for (size_t i = 0; i + 1 < run.size(); ++i) {
    const Word& a = words[run[i]];
    const Word& b = words[run[i + 1]];
    key.assign(StemOf(*scratch, a));
    key.push_back(' ');
    key.append(StemOf(*scratch, b));
    sink->Add(TermId('n', key), a.begin, b.end, kNameWeight);
  }
  if (run.size() >= 3 || has_connector) {
    key.clear();
    for (size_t index : run) {
      if (!key.empty()) key.push_back(' ');
      key.append(StemOf(*scratch, words[index]));
    }
    sink->Add(TermId('p', key), words[run.front()].begin, words[run.back()].end, kNameWeight);
  }
}

void EmitNames(std::string_view text, Scratch* scratch, TermSink* sink) {
  const std::vector<Word>& words = scratch->words;
  std::vector<size_t>& run = scratch->run;  // name words of the current run
  run.clear();
  size_t pending_connectors = 0;
  bool has_connector = false;
  auto flush = [&] {
    EmitNameRun(has_connector, scratch, sink);
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

void TermExtractor::FoldYo(std::string* word) {
  for (size_t i = 0; i + 1 < word->size(); ++i) {
    if ((*word)[i] == '\xD1' && (*word)[i + 1] == '\x91') {
      (*word)[i] = '\xD0';
      (*word)[i + 1] = '\xB5';
    }
  }
}

bool TermExtractor::IsContentWord(std::string_view word) {
  return IsContent(ShapeOf(word), word);
}

bool TermExtractor::StartsUpperCase(std::string_view word) {
  if (word.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return first >= 'A' && first <= 'Z';
  utf8proc_int32_t cp = 0;
  DecodeAt(word, 0, &cp);
  const auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

std::vector<TermCount> TermExtractor::Extract(
    std::string_view text,
    absl::flat_hash_map<uint64_t, std::string_view>* surfaces,
    const absl::flat_hash_set<uint64_t>* wanted) const {
  thread_local Scratch scratch;
  std::vector<text::Token>& tokens = scratch.tokens;
  tokens.clear();
  tokenizer_.Tokenize(text, &tokens);
  TermSink sink(text, surfaces, wanted, &scratch.occurrences);
  std::vector<Word>& words = scratch.words;
  words.clear();
  scratch.stems.clear();
  std::string& normalized = scratch.normalized;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& token = tokens[i];
    if (token.unspaced) {
      // Pairs of adjacent characters of a script written without spaces.
      if (i + 1 < tokens.size() && tokens[i + 1].unspaced &&
          tokens[i + 1].begin == token.end) {
        const std::string_view pair =
            text.substr(token.begin, tokens[i + 1].end - token.begin);
        text::NormalizeInto(pair, &normalized);
        sink.Add(TermId('u', normalized), token.begin, tokens[i + 1].end);
      }
      continue;
    }
    const std::string_view surface = text.substr(token.begin, token.end - token.begin);
    NormalizeToken(surface, &normalized);
    Word word;
    word.begin = token.begin;
    word.end = token.end;
    const bool upper = StartsUpperCase(surface);
    word.connector = !upper && normalized.size() <= kLongestConnector &&
                     std::find(kConnectors.begin(), kConnectors.end(), normalized) !=
                         kConnectors.end();
    const WordShape shape = ShapeOf(normalized);
    if (IsContent(shape, normalized)) {
      const std::string_view stem = std::string_view(normalized).substr(0, shape.stem_bytes);
      word.stem_begin = static_cast<uint32_t>(scratch.stems.size());
      word.stem_size = static_cast<uint32_t>(stem.size());
      scratch.stems.append(stem);
      word.name = upper;
      sink.Add(TermId('w', stem), token.begin, token.end);
    }
    words.push_back(word);
  }
  EmitNames(text, &scratch, &sink);
  return sink.Sorted();
}

}  // namespace neardup::events
