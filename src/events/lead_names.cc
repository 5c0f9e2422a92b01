#include "events/lead_names.h"

#include <libstemmer.h>

#include <algorithm>
#include <iterator>
#include <string>

#include "events/term_extractor.h"
#include "text/normalize.h"
#include "utf8proc.h"

namespace neardup::events {
namespace {

// One Snowball stemmer per language, for the thread that uses it (a stemmer
// keeps its working state, so it must not be shared between threads).
class Stemmers {
 public:
  Stemmers()
      : russian_(sb_stemmer_new("russian", "UTF_8")),
        english_(sb_stemmer_new("english", "UTF_8")) {}
  ~Stemmers() {
    if (russian_ != nullptr) sb_stemmer_delete(russian_);
    if (english_ != nullptr) sb_stemmer_delete(english_);
  }
  Stemmers(const Stemmers&) = delete;
  Stemmers& operator=(const Stemmers&) = delete;

  // The stem of a lower-cased word whose first code point is `first`; the
  // word itself in a script without a stemmer.
  std::string_view Stem(std::string_view word, utf8proc_int32_t first) const {
    sb_stemmer* stemmer = nullptr;
    if (first >= 0x0400 && first <= 0x04FF) {
      stemmer = russian_;
    } else if (first < 0x0250) {
      stemmer = english_;
    }
    if (stemmer == nullptr) return word;
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stem == nullptr) return word;
    return std::string_view(reinterpret_cast<const char*>(stem),
                            static_cast<size_t>(sb_stemmer_length(stemmer)));
  }

 private:
  sb_stemmer* russian_;
  sb_stemmer* english_;
};

// Decodes the first code point of `s` (0 for an empty string).
utf8proc_int32_t FirstCodePoint(std::string_view s) {
  utf8proc_int32_t cp = 0;
  if (!s.empty()) {
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                     static_cast<utf8proc_ssize_t>(s.size()), &cp);
  }
  return cp;
}

// True when `word` has no lower-case letter.
bool NoLowerCase(std::string_view word) {
  for (size_t pos = 0; pos < word.size();) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data() + pos),
                                    static_cast<utf8proc_ssize_t>(word.size() - pos), &cp);
    pos += n > 0 ? static_cast<size_t>(n) : 1;
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL) return false;
  }
  return true;
}

// True when the text between two words ends a sentence.
bool EndsSentence(std::string_view gap) {
  return gap.find_first_of(".!?:\n") != std::string_view::npos;
}

// False when the word `surface`, not capitalised, cannot begin with any of
// `stems` once normalized: its first byte is none of theirs (a lower-case
// letter is its own normalized form, except ё, folded to е). Saves
// normalizing most words.
bool MayBeginWithSome(std::string_view surface, const std::vector<std::string>& stems) {
  if (surface.starts_with("\xD1\x91")) return true;  // ё
  for (const std::string& stem : stems) {
    if (stem.empty() || stem[0] == surface[0]) return true;
  }
  return false;
}

void SortUnique(std::vector<std::string>* words) {
  std::sort(words->begin(), words->end());
  words->erase(std::unique(words->begin(), words->end()), words->end());
}

std::vector<std::string> UnionOf(const std::vector<std::string>& x,
                                 const std::vector<std::string>& y) {
  std::vector<std::string> both;
  both.reserve(std::max(x.size(), y.size()));
  std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  return both;
}

// True when a word of `words` (ascending) begins with `stem`: the first word
// not less than `stem` does if any does.
bool SomeWordBeginsWith(const std::vector<std::string>& words, const std::string& stem) {
  const auto it = std::lower_bound(words.begin(), words.end(), stem);
  return it != words.end() && it->starts_with(stem);
}

// How many of the stems `lead` no word of `mentioned` begins with, counted
// up to kDisagreeingLeadNames.
int Unmentioned(const std::vector<std::string>& lead, const std::vector<std::string>& mentioned) {
  int count = 0;
  for (const std::string& stem : lead) {
    if (!SomeWordBeginsWith(mentioned, stem) && ++count >= kDisagreeingLeadNames) break;
  }
  return count;
}

}  // namespace

TextNames NameReader::Read(std::string_view text) const {
  thread_local Stemmers stemmers;
  thread_local std::vector<text::Token> tokens;
  thread_local std::string normalized;
  tokens.clear();
  tokenizer_.Tokenize(text, &tokens);
  TextNames names;
  std::vector<std::string>& candidates = names.lead;
  size_t spaced_words = 0;
  size_t lead_end = kLeadNameWords;  // words before this one are in the lead
  bool seen_line_break = false;
  uint32_t previous_end = 0;
  for (const text::Token& token : tokens) {
    const std::string_view gap = text.substr(previous_end, token.begin - previous_end);
    previous_end = token.end;
    if (!seen_line_break && gap.find('\n') != std::string_view::npos) {
      seen_line_break = true;
      // The headline's words do not count against the lead.
      if (spaced_words <= kHeadlineWords) lead_end = spaced_words + kLeadNameWords;
    }
    if (token.unspaced) continue;
    const bool starts_sentence = spaced_words == 0 || EndsSentence(gap);
    const bool in_lead = spaced_words < lead_end;
    ++spaced_words;
    const std::string_view surface = text.substr(token.begin, token.end - token.begin);
    if (!TermExtractor::StartsUpperCase(surface)) continue;
    text::NormalizeInto(surface, &normalized);
    TermExtractor::FoldYo(&normalized);
    if (!TermExtractor::IsContentWord(normalized)) continue;
    const std::string_view stem = stemmers.Stem(normalized, FirstCodePoint(normalized));
    names.mentioned.push_back(normalized);
    if (stem != normalized) names.mentioned.emplace_back(stem);
    if (in_lead && !starts_sentence && !NoLowerCase(surface)) candidates.emplace_back(stem);
  }
  SortUnique(&names.mentioned);
  SortUnique(&candidates);
  if (candidates.empty()) return names;
  // Drop the candidates that start a word the text writes in lower case.
  for (const text::Token& token : tokens) {
    if (token.unspaced) continue;
    const std::string_view surface = text.substr(token.begin, token.end - token.begin);
    if (TermExtractor::StartsUpperCase(surface) || !MayBeginWithSome(surface, candidates)) {
      continue;
    }
    text::NormalizeInto(surface, &normalized);
    TermExtractor::FoldYo(&normalized);
    std::erase_if(candidates, [&](const std::string& stem) {
      return std::string_view(normalized).starts_with(stem);
    });
    if (candidates.empty()) return names;
  }
  return names;
}

bool LeadNamesAgree(const TextNames& a, const TextNames& b) {
  return Unmentioned(a.lead, b.mentioned) < kDisagreeingLeadNames ||
         Unmentioned(b.lead, a.mentioned) < kDisagreeingLeadNames;
}

TextNames Union(const TextNames& a, const TextNames& b) {
  return {UnionOf(a.mentioned, b.mentioned), UnionOf(a.lead, b.lead)};
}

}  // namespace neardup::events
