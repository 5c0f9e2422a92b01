// Who and where an article's lead names, and whether two articles' leads
// disagree on it: what tells apart two reports on one topic about different
// events (two regions' weather forecasts, two changes in one senate) when
// their words are alike.
#ifndef NEARDUP_EVENTS_LEAD_NAMES_H_
#define NEARDUP_EVENTS_LEAD_NAMES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "events/named_date.h"
#include "text/tokenizer.h"

namespace neardup::events {

// Where lead names are taken from: the headline and the first
// kLeadNameWords words after it, as many words as named dates are looked
// for in. The headline is the text's first line when it ends within
// kHeadlineWords words; a text without one (its first line is a paragraph)
// has its lead read from its first word, so a report with and without its
// headline line gets the same lead.
inline constexpr size_t kLeadNameWords = kNamedDateWords;
inline constexpr size_t kHeadlineWords = 25;

// Two texts disagree when each has at least this many lead names the other
// never mentions. (One is not enough: one report of a study may say
// "British scientists" and another "US scientists"; one may name a source
// agency the other does not.)
inline constexpr int kDisagreeingLeadNames = 2;

// The names of a text (or of a group of texts: the unions), both ascending
// and distinct. A name is a content word (not a stop word, not a number,
// 2+ characters), lower-cased; a lead name is kept as its Snowball stem
// (Russian for a Cyrillic word, English for a Latin one, the word itself
// otherwise). A text mentions a lead name when one of its `mentioned` words
// begins with the stem, so that inflected forms meet: Ольга / Ольгу,
// Сергей / Сергея, Лавров / Лаврова.
struct TextNames {
  // Every content word of the text written with a capital first letter,
  // and its stem (English stems may end otherwise than the word: Kennedy,
  // kennedi).
  std::vector<std::string> mentioned;
  // The stems of those of the headline and lead that look like names: they
  // do not start a sentence (the text's first word, or a word after
  // . ! ? : or a line break), are not written all in capitals (agencies and
  // acronyms: "ТАСС", "BBC"; shouted headlines), and no word of the text
  // written in lower case begins with their stem (a Title Case headline's
  // "Meets", "Announced"; "Омской" when the text also says "омский").
  std::vector<std::string> lead;
};

// NameReader: reads TextNames from a text. Holds one Snowball stemmer per
// language and thread (created on first use); thread-safe.
class NameReader {
 public:
  TextNames Read(std::string_view text) const;

 private:
  text::Tokenizer tokenizer_;
};

// False when each of a and b has kDisagreeingLeadNames lead names the other
// never mentions (e.g. "Амурской ... Тындинском ... Сковородинском" against
// "Омской ... Обь-Иртышского"); true otherwise.
bool LeadNamesAgree(const TextNames& a, const TextNames& b);

// The union of two TextNames (the names of a group of texts).
TextNames Union(const TextNames& a, const TextNames& b);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_LEAD_NAMES_H_
