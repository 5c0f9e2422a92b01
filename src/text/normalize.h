// Word normalization shared by the tokenizer and NormalizeWord.
#ifndef NEARDUP_TEXT_NORMALIZE_H_
#define NEARDUP_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace neardup::text {

// Writes the normalized form of `word` into *out (replacing its content):
// apostrophes between a word character and a letter and in-word format
// characters are dropped; typographic quotes and dashes are folded to ASCII
// (’ ‘ ‛ ′ ʼ -> ', “ ” „ ‟ ″ -> ", ‒ – — ― − -> -); then NFKC with case
// folding and removal of default-ignorable characters (utf8proc).
// Ill-formed UTF-8 bytes are dropped. Uses thread_local scratch buffers: no
// heap allocation once they have grown. Thread-safe.
void NormalizeInto(std::string_view word, std::string* out);

}  // namespace neardup::text

#endif  // NEARDUP_TEXT_NORMALIZE_H_
