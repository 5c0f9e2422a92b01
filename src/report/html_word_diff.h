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
// the common prefix and suffix; the table for the rest has at most
// `max_cells` cells (2 bytes each; max_cells < 2^32), beyond which the rest
// is not aligned. Deterministic; pure function.
WordDiff DiffWords(std::string_view left, std::string_view right, size_t max_cells);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_WORD_DIFF_H_
