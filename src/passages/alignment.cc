#include "passages/alignment.h"

#include <algorithm>

namespace neardup::passages {
namespace {

// True when a[ai, ai+run) equals b[bi, bi+run), all in bounds.
bool RunMatches(absl::Span<const text::Token> a, absl::Span<const text::Token> b,
                size_t ai, size_t bi, size_t run) {
  if (ai + run > a.size() || bi + run > b.size()) return false;
  for (size_t t = 0; t < run; ++t) {
    if (a[ai + t].hash != b[bi + t].hash) return false;
  }
  return true;
}

// Forward extension from (i, j), both one past the last aligned tokens when
// called after a run; returns the end of the last equal run and adds equal
// tokens to *matched.
void ExtendForward(absl::Span<const text::Token> a, absl::Span<const text::Token> b,
                   size_t i, size_t j, bool same_sequence, const GapLimits& limits,
                   size_t* a_end, size_t* b_end, uint32_t* matched) {
  const size_t gap = static_cast<size_t>(std::max(0, limits.max_gap));
  const size_t run = static_cast<size_t>(std::max(1, limits.resync_run));
  while (true) {
    while (i < a.size() && j < b.size() && a[i].hash == b[j].hash) {
      ++i;
      ++j;
      ++*matched;
    }
    *a_end = i;
    *b_end = j;
    // Resume at the closest point (fewest skipped tokens in total) where a
    // run of equal tokens starts again.
    bool resumed = false;
    for (size_t total = 1; total <= 2 * gap && !resumed; ++total) {
      for (size_t skip_a = total > gap ? total - gap : 0; skip_a <= std::min(total, gap); ++skip_a) {
        const size_t ni = i + skip_a, nj = j + (total - skip_a);
        if (same_sequence && nj >= ni) continue;
        if (RunMatches(a, b, ni, nj, run)) {
          i = ni;
          j = nj;
          resumed = true;
          break;
        }
      }
    }
    if (!resumed) return;
  }
}

// Mirror of ExtendForward: (i, j) are the first aligned tokens; returns the
// start of the earliest equal run.
void ExtendBackward(absl::Span<const text::Token> a, absl::Span<const text::Token> b,
                    size_t i, size_t j, bool same_sequence, const GapLimits& limits, size_t* a_begin,
                    size_t* b_begin, uint32_t* matched) {
  const size_t gap = static_cast<size_t>(std::max(0, limits.max_gap));
  const size_t run = static_cast<size_t>(std::max(1, limits.resync_run));
  while (true) {
    while (i > 0 && j > 0 && a[i - 1].hash == b[j - 1].hash) {
      --i;
      --j;
      ++*matched;
    }
    *a_begin = i;
    *b_begin = j;
    bool resumed = false;
    for (size_t total = 1; total <= 2 * gap && !resumed; ++total) {
      for (size_t skip_a = total > gap ? total - gap : 0; skip_a <= std::min(total, gap); ++skip_a) {
        const size_t skip_b = total - skip_a;
        if (i < skip_a + run || j < skip_b + run) continue;
        const size_t ni = i - skip_a, nj = j - skip_b;
        if (same_sequence && nj >= ni) continue;
        if (RunMatches(a, b, ni - run, nj - run, run)) {
          i = ni;
          j = nj;
          resumed = true;
          break;
        }
      }
    }
    if (!resumed) return;
  }
}

}  // namespace

Alignment ExtendSeed(absl::Span<const text::Token> a, absl::Span<const text::Token> b,
                     uint32_t a_pos, uint32_t b_pos, bool same_sequence,
                     const GapLimits& limits) {
  Alignment result;
  if (a_pos >= a.size() || b_pos >= b.size() || a[a_pos].hash != b[b_pos].hash ||
      (same_sequence && b_pos >= a_pos)) {
    result.a_begin = result.a_end = a_pos;
    result.b_begin = result.b_end = b_pos;
    return result;
  }
  size_t a_end = a_pos, b_end = b_pos, a_begin = a_pos, b_begin = b_pos;
  ExtendForward(a, b, a_pos, b_pos, same_sequence, limits, &a_end, &b_end, &result.matched);
  ExtendBackward(a, b, a_pos, b_pos, same_sequence, limits, &a_begin, &b_begin, &result.matched);
  result.a_begin = static_cast<uint32_t>(a_begin);
  result.a_end = static_cast<uint32_t>(a_end);
  result.b_begin = static_cast<uint32_t>(b_begin);
  result.b_end = static_cast<uint32_t>(b_end);
  return result;
}

}  // namespace neardup::passages
