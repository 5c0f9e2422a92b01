#include "io/pending_record.h"

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "io/jsonl_line_parser.h"
#include "io/line_splitter.h"
#include "io/string_view_compat.h"

namespace neardup::io {
namespace {

// The id of a JSONL record that has none: "<basename of path>:<line>", or
// "stdin:<line>".
std::string DefaultId(const std::string& path, uint64_t line) {
  if (path == "-") return absl::StrCat("stdin:", line);
  const size_t slash = path.find_last_of('/');  // npos + 1 == 0: no folder
  return absl::StrCat(Absl(std::string_view(path).substr(slash + 1)), ":", line);
}

}  // namespace

RecordParser::RecordParser(const InputOptions& options)
    : max_record_bytes_(options.max_record_bytes),
      parser_(std::make_unique<JsonlLineParser>(options)) {}
RecordParser::RecordParser(RecordParser&&) noexcept = default;
RecordParser& RecordParser::operator=(RecordParser&&) noexcept = default;
RecordParser::~RecordParser() = default;

std::optional<RawLocation> RecordParser::Complete(PendingRecord* pending) {
  Record* record = &pending->record;
  if (record->format != RecordFormat::kJsonl) return std::nullopt;
  bool has_id = false;
  if (pending->oversized_bytes > 0) {
    JsonlLineParser::ClearParsedFields(record);
    record->raw.clear();
    record->rejection = absl::StrCat("record too large (", pending->oversized_bytes,
                                     " bytes > limit ", max_record_bytes_,
                                     "; raise --max-record-bytes)");
  } else {
    has_id = parser_->Parse(record);
  }
  if (!has_id || record->id.empty()) {
    record->id = DefaultId(record->origin.file, record->origin.line);
  }
  if (pending->map == nullptr || pending->oversized_bytes > 0 ||
      record->invalid_utf8_replaced > 0 ||
      pending->offset + record->raw.size() > pending->map->size()) {
    return std::nullopt;
  }
  return RawLocation{pending->map, pending->offset};
}

}  // namespace neardup::io
