#include "report/html_escape.h"

#include "text/utf8.h"

namespace neardup::report {

void AppendEscaped(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&#39;"); break;
      default: out->push_back(c);
    }
  }
}

std::string Escaped(std::string_view text) {
  std::string out;
  AppendEscaped(text, &out);
  return out;
}

std::string Shortened(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  return std::string(text.substr(0, text::Utf8Floor(text, max_bytes))) + "\u2026";
}

}  // namespace neardup::report
