// Turns an article into the content terms that say which event it covers.
#ifndef NEARDUP_EVENTS_TERM_EXTRACTOR_H_
#define NEARDUP_EVENTS_TERM_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "text/tokenizer.h"

namespace neardup::events {

// One distinct term of a document and how often it occurs.
struct TermCount {
  uint64_t term = 0;  // stable 64-bit id (XXH3 of the term's key)
  float count = 0;
};

// TermExtractor: the terms of a text are
//  - content words: tokens that are not stop words, not pure digits and at
//    least two characters long, reduced to a light stem (possessive 's
//    dropped, ё folded to е, cut to the first kStemLength code points, or
//    kCyrillicStemLength for a Cyrillic word, which joins most inflected
//    forms of one English or Russian word: Сергей/Сергея, meeting/meetings);
//  - names: in a run of capitalised words separated by single spaces (with
//    connectors such as "of the" allowed inside: "Great Hall of the People"),
//    every adjacent pair of words ("Antony Blinken") and, for runs of three
//    or more words, the whole run;
//  - in scripts written without spaces, pairs of adjacent characters.
// Stateless apart from its tokenizer (work buffers are per thread);
// thread-safe.
class TermExtractor {
 public:
  static constexpr int kStemLength = 6;
  static constexpr int kCyrillicStemLength = 5;

  // The distinct terms of `text`, sorted by term id. When `surfaces` is not
  // null, every term of `text` that is not yet a key of it (and, when
  // `wanted` is not null, is in `wanted`) is added with the text of its
  // first occurrence (a view into `text`, possessive 's removed), for labels.
  std::vector<TermCount> Extract(
      std::string_view text,
      absl::flat_hash_map<uint64_t, std::string_view>* surfaces = nullptr,
      const absl::flat_hash_set<uint64_t>* wanted = nullptr) const;

  // Folds ё (U+0451) to е (U+0435) in a normalized word; Russian writes both
  // for one letter.
  static void FoldYo(std::string* word);
  // True when a normalized word is a content word: at least two code points,
  // not all numeric, not a stop word.
  static bool IsContentWord(std::string_view word);
  // True when the first character of `word` is an upper- or title-case letter.
  static bool StartsUpperCase(std::string_view word);

 private:
  text::Tokenizer tokenizer_;
};

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_TERM_EXTRACTOR_H_
