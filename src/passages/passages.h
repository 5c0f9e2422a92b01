// Repeated passages inside one document and across documents, and their
// removal from a document's text.
#ifndef NEARDUP_PASSAGES_PASSAGES_H_
#define NEARDUP_PASSAGES_PASSAGES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "neardup/options.h"
#include "text/document_texts.h"

namespace neardup::passages {

// One repeat: a span of document `doc` whose normalized words repeat an
// earlier occurrence (earlier in input order: a lower document, or the same
// document at a lower offset). Byte ranges are [begin, end) in the original
// text of the document and run from the first byte of the first word to the
// last byte of the last word. The first occurrence itself is never a Passage.
struct Passage {
  uint64_t doc = 0;            // input index of the document holding the repeat
  uint32_t begin = 0, end = 0; // byte range of the repeat in that document's text
  uint64_t first_doc = 0;      // document of the occurrence it repeats
  uint32_t first_begin = 0, first_end = 0;
  uint32_t words = 0;          // length of the repeat in words (tokens)
  bool within_document = false;  // doc == first_doc
  bool boilerplate = false;    // occurs in >= boilerplate_min_docs documents

  friend bool operator==(const Passage&, const Passage&) = default;
};

// Finds the repeated passages among `docs` (input indexes, ascending) of at
// least options.min_words words (values below 4 are treated as 4). Words are
// compared after normalization (see text::Tokenizer), so spacing, case,
// quotes and line breaks do not hide a repeat; a few changed, inserted or
// deleted words inside a long repeat do not split it. Each repeat is reported
// once, against its earliest occurrence; passages are sorted by (doc, begin)
// and do not overlap within a document. Memory holds winnowed fingerprints
// (about 16 bytes per 17 words at min_words 40), never all tokens; texts are
// re-read through `texts`. Deterministic whatever `threads` (0: all cores).
std::vector<Passage> FindPassages(absl::Span<const uint64_t> docs,
                                  const text::DocumentTexts& texts,
                                  const PassageOptions& options, int threads);

// A byte range [first, second) of a text.
using ByteRange = std::pair<uint32_t, uint32_t>;

// The byte ranges to remove from `text`, the text of the document that holds
// `passages_of_this_doc` (the Passages whose doc is that document; ranges
// beyond the text are clamped). Every repeat is cut, except boilerplate
// when !options.cut_boilerplate. Each cut is snapped to a nearby sentence or
// paragraph start at both ends, so the text left reads naturally, and never
// reaches into the first occurrence of a within-document repeat. The result
// is sorted, merged and clamped to the text.
std::vector<ByteRange> CutRanges(std::string_view text,
                                 absl::Span<const Passage> passages_of_this_doc,
                                 const PassageOptions& options);

// `text` without the bytes in `cuts` (sorted or not, overlapping or not;
// ranges beyond the text are clamped).
std::string ApplyCuts(std::string_view text, absl::Span<const ByteRange> cuts);

}  // namespace neardup::passages

#endif  // NEARDUP_PASSAGES_PASSAGES_H_
