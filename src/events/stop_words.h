// Function words and reporting verbs that say nothing about which event an
// article covers.
#ifndef NEARDUP_EVENTS_STOP_WORDS_H_
#define NEARDUP_EVENTS_STOP_WORDS_H_

#include <string_view>

namespace neardup::events {

// True when `word` — already normalized (text::NormalizeWord form, with ё
// folded to е) — is an English or Russian stop word: function words,
// pronouns, auxiliaries, reporting verbs ("said", "заявил"), weekday and
// month names (dates are handled by the date window). Thread-safe.
bool IsStopWord(std::string_view word);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_STOP_WORDS_H_
