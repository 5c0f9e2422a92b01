#include "report/html_excerpt.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "report/html_escape.h"
#include "text/utf8.h"

namespace neardup::report {
namespace {

// Gaps at most this much longer than the context they would keep are shown
// whole: eliding a few bytes helps nobody.
constexpr size_t kElisionSlack = 80;

// Appends text[from, to), keeping `head` bytes at its start and `tail` bytes
// at its end and eliding the middle when the range is longer.
void AppendRange(std::string_view text, size_t from, size_t to, size_t head, size_t tail,
                 std::string* out) {
  if (to <= from) return;
  if (to - from <= head + tail + kElisionSlack) {
    AppendEscaped(text.substr(from, to - from), out);
    return;
  }
  const size_t head_end = text::Utf8Floor(text, from + head);
  const size_t tail_begin = text::Utf8Floor(text, to - tail);
  AppendEscaped(text.substr(from, head_end - from), out);
  out->append(ElidedMarker(tail_begin - head_end));
  AppendEscaped(text.substr(tail_begin, to - tail_begin), out);
}

}  // namespace

std::string ElidedMarker(size_t bytes) {
  return absl::StrCat("<span class=\"elided\">[\u2026 ", bytes, " bytes \u2026]</span>");
}

void AppendExcerpt(std::string_view text, std::vector<Highlight> highlights, size_t context,
                   size_t max_mark_bytes, std::string* out) {
  std::stable_sort(highlights.begin(), highlights.end(),
                   [](const Highlight& a, const Highlight& b) { return a.begin < b.begin; });
  size_t cursor = 0;
  for (const Highlight& h : highlights) {
    const size_t begin = text::Utf8Floor(text, std::max(h.begin, cursor));
    const size_t end = text::Utf8Floor(text, std::min(h.end, text.size()));
    if (begin < cursor || end <= begin) continue;
    AppendRange(text, cursor, begin, cursor == 0 ? 0 : context, context, out);
    out->append(h.open_tag);
    AppendRange(text, begin, end, max_mark_bytes / 2, max_mark_bytes / 2, out);
    out->append(h.close_tag);
    cursor = end;
  }
  AppendRange(text, cursor, text.size(), context, 0, out);
}

}  // namespace neardup::report
