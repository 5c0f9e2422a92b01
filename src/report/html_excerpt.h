// Showing highlighted ranges of a long text with the rest elided.
#ifndef NEARDUP_REPORT_HTML_EXCERPT_H_
#define NEARDUP_REPORT_HTML_EXCERPT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace neardup::report {

// A byte range of a text to wrap in `open_tag` ... `close_tag` (trusted,
// already-escaped markup such as <mark class="passage" data-doc="…">).
struct Highlight {
  size_t begin = 0;
  size_t end = 0;
  std::string open_tag;
  std::string close_tag;
};

// Appends `text`, HTML-escaped, to `out` with every highlight wrapped in its
// tags. Highlights are taken in order of `begin`, clamped to the text, and
// clipped where they overlap an earlier one. Up to `context` bytes around
// each highlight are shown; longer stretches away from every highlight
// become <span class="elided">[… N bytes …]</span>. A highlight longer than
// `max_mark_bytes` keeps its first and last max_mark_bytes / 2 bytes with the
// middle elided inside it (ranges only a little longer than what they would
// keep are shown whole). Cuts fall on UTF-8 character boundaries. With no
// highlights, the first `context` bytes are shown.
void AppendExcerpt(std::string_view text, std::vector<Highlight> highlights, size_t context,
                   size_t max_mark_bytes, std::string* out);

// The elision marker for `bytes` bytes left out.
std::string ElidedMarker(size_t bytes);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_EXCERPT_H_
