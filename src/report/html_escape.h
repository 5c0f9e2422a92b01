// HTML escaping and UTF-8-safe cutting for the report.
#ifndef NEARDUP_REPORT_HTML_ESCAPE_H_
#define NEARDUP_REPORT_HTML_ESCAPE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace neardup::report {

// Appends `text` to `out` with & < > " ' replaced by character references,
// so the result is inert both as element content and inside a quoted
// attribute value. Every byte of corpus text and ids goes through here.
void AppendEscaped(std::string_view text, std::string* out);
std::string Escaped(std::string_view text);

// `text` cut to at most `max_bytes` at a character boundary, with "…"
// appended when something was cut.
std::string Shortened(std::string_view text, size_t max_bytes);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_ESCAPE_H_
