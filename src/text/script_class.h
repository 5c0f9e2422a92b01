// Character classes the tokenizer needs beyond Unicode general categories.
#ifndef NEARDUP_TEXT_SCRIPT_CLASS_H_
#define NEARDUP_TEXT_SCRIPT_CLASS_H_

namespace neardup::text {

// True for a character of a script written without spaces between words
// (Han, Hiragana, Katakana, Bopomofo, Yi, Thai, Lao, Tibetan, Myanmar, Khmer,
// Tai scripts, Javanese, Balinese). Hangul is space-separated and excluded.
// utf8proc has no script property, so this is a table of Unicode blocks.
bool IsUnspacedScript(char32_t cp);

// Word-character tests on utf8proc general categories: letters (L*),
// marks (M*) and numbers (N*) make words.
bool IsWordChar(char32_t cp);
bool IsLetter(char32_t cp);
bool IsMark(char32_t cp);

// Apostrophe-like characters ' ’ ‘ ‛ ′ ʼ that join two letters into one word
// and are dropped from its normalized form.
bool IsApostrophe(char32_t cp);

// Invisible format characters that may sit inside a word (soft hyphen, zero
// width (non-)joiner, word joiner); dropped from the normalized form.
bool IsInWordIgnorable(char32_t cp);

}  // namespace neardup::text

#endif  // NEARDUP_TEXT_SCRIPT_CLASS_H_
