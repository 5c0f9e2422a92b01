// Growing a seed (a shared k-gram) into the longest near-identical alignment
// of two token sequences.
#ifndef NEARDUP_PASSAGES_ALIGNMENT_H_
#define NEARDUP_PASSAGES_ALIGNMENT_H_

#include <cstdint>

#include "absl/types/span.h"
#include "text/tokenizer.h"

namespace neardup::passages {

// Token range [a_begin, a_end) of sequence a aligned with [b_begin, b_end)
// of sequence b; `matched` tokens of a are equal to their partner in b.
struct Alignment {
  uint32_t a_begin = 0, a_end = 0;
  uint32_t b_begin = 0, b_end = 0;
  uint32_t matched = 0;

  uint32_t a_length() const { return a_end - a_begin; }
};

// How far an alignment may bridge a difference: after a mismatch, it resumes
// where `resync_run` tokens match again, skipping at most `max_gap` tokens on
// each side (a changed word skips 1 and 1, an inserted word 1 and 0).
struct GapLimits {
  int max_gap = 4;
  int resync_run = 4;
};

// Extends the seed a[a_pos] == b[b_pos] (same token hash) both ways: through
// runs of equal tokens, and across differences allowed by `limits`. The
// alignment starts and ends with equal tokens. `same_sequence`: a and b are
// the same document and b_pos < a_pos; the alignment then keeps every b
// position before its a partner (a repeat never aligns with itself). Pure;
// cost linear in the alignment's length times max_gap^2.
Alignment ExtendSeed(absl::Span<const text::Token> a, absl::Span<const text::Token> b,
                     uint32_t a_pos, uint32_t b_pos, bool same_sequence,
                     const GapLimits& limits);

}  // namespace neardup::passages

#endif  // NEARDUP_PASSAGES_ALIGNMENT_H_
