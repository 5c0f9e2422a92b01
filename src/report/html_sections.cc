#include "io/string_view_compat.h"
#include "report/html_sections.h"

#include "absl/strings/str_cat.h"
#include "report/html_escape.h"

namespace neardup::report {

std::string_view SlotText(const ReportData& data, uint32_t slot, std::string* buffer) {
  return data.corpus.AnalyzedText(slot, buffer);
}

std::string FirstLine(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return "";
  const size_t end = text.find('\n', start);
  const std::string_view line =
      text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  return Shortened(line, kMaxTitleBytes);
}

std::string Field(std::string_view value) { return Escaped(Shortened(value, kMaxFieldBytes)); }

std::string OmittedNote(size_t by_count, size_t by_size, std::string_view what) {
  if (by_count + by_size == 0) return "";
  std::string note = absl::StrCat("<p class=\"omitted\" data-omitted=\"", by_count + by_size,
                                  "\">Not shown: ");
  if (by_count > 0) absl::StrAppend(&note, by_count, " more ", io::Absl(what), " (count cap)");
  if (by_count > 0 && by_size > 0) note += "; ";
  if (by_size > 0) absl::StrAppend(&note, by_size, " ", io::Absl(what), " (size limit)");
  note += ". The JSONL outputs list them all.</p>";
  return note;
}

}  // namespace neardup::report
