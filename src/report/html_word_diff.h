// A word-level diff of two texts, for showing a near-duplicate pair side by
// side.
#ifndef NEARDUP_REPORT_HTML_WORD_DIFF_H_
#define NEARDUP_REPORT_HTML_WORD_DIFF_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace neardup::report {

// A byte range [begin, end) of one side; `shared` when its words are part of
// the common subsequence, otherwise they occur only on this side.
struct DiffSpan {
  size_t begin = 0;
  size_t end = 0;
  bool shared = false;
};

// Each side cut into spans that cover it completely, in order, adjacent spans
// differing in `shared`. `aligned` is false when the differing middle of the
// two texts was too large to align within the cap; it is then marked as
// different on both sides.
struct WordDiff {
  std::vector<DiffSpan> left;
  std::vector<DiffSpan> right;
  bool aligned = true;
};

// Diffs `left` and `right` word by word: words are runs of non-whitespace
// (ASCII whitespace), compared byte for byte; the whitespace after a word
// belongs to it. Finds a longest common subsequence of words after removing
// the common prefix and suffix: walking both middles, matching words are
// taken, otherwise the side whose step keeps the longer common subsequence
// moves on, the left one on a tie. Middles of n and m words are aligned when
// (n + 1)(m + 1) <= `max_cells`, else marked as different (in n * m / 64
// word steps and n * m / 8 bytes). Deterministic; pure function.
WordDiff DiffWords(std::string_view left, std::string_view right, size_t max_cells);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_WORD_DIFF_H_
