// The repeated-passage search over any source of tokens; FindPassages runs it
// over DocumentTexts and the text tokenizer, tests over hand-made tokens.
#ifndef NEARDUP_PASSAGES_PASSAGE_FINDER_H_
#define NEARDUP_PASSAGES_PASSAGE_FINDER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "neardup/options.h"
#include "passages/alignment.h"
#include "passages/passages.h"
#include "text/tokenizer.h"

namespace neardup::passages {

// Gives a document's tokens, as often as asked (the search reads every
// document twice or more rather than keeping its tokens). Must be
// thread-safe and return the same tokens on every call.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // Replaces *tokens with the tokens of document `doc`.
  virtual void Tokens(uint64_t doc, std::vector<text::Token>* tokens) const = 0;
  // A rough upper estimate of the document's token count (sizes passes).
  virtual size_t TokenCountHint(uint64_t doc) const = 0;
};

// Knobs that are not user options.
struct FinderLimits {
  // Fingerprints held at once; beyond it the search runs in several passes,
  // each over one slice of the hash space (same result, more tokenizing).
  size_t max_fingerprints_per_pass = size_t{1} << 25;  // 512 MiB
  GapLimits gaps;
};

// FindPassages (see passages.h) over `source`.
std::vector<Passage> FindPassagesInTokens(absl::Span<const uint64_t> docs,
                                          const TokenSource& source,
                                          const PassageOptions& options, int threads,
                                          const FinderLimits& limits = {});

}  // namespace neardup::passages

#endif  // NEARDUP_PASSAGES_PASSAGE_FINDER_H_
