#include "io/jsonl_reader.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "io/byte_source.h"

namespace neardup::io {
namespace {

std::string IdPrefix(const std::string& path) {
  if (path == "-") return "stdin:";
  const size_t slash = path.find_last_of('/');
  return absl::StrCat(
      slash == std::string::npos ? path : path.substr(slash + 1), ":");
}

// A UTF-8 byte order mark some editors put at the start of a file.
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// At most this many maps (of inputs and scratch files) for inputs to be
// mapped: a run over tens of thousands of JSONL files must not use up the
// kernel's table of mappings, which the scratch files and the heap need.
constexpr int kMaxMapsForInputs = 1024;

// Maps `source` when it reads a plain file; nullptr when it does not, or
// the file is empty or cannot be mapped (then lines are copied instead).
std::shared_ptr<const MappedFile> MapPlainFile(const ByteSource& source,
                                               const std::string& path) {
  const int fd = source.PlainFileDescriptor();
  if (fd < 0 || MappedFile::Live() >= kMaxMapsForInputs) return nullptr;
  absl::StatusOr<MappedFile> map = MappedFile::Map(fd, path);
  if (!map.ok()) return nullptr;
  return std::make_shared<const MappedFile>(std::move(*map));
}

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

JsonlReader::JsonlReader(std::string path, const InputOptions& options)
    : path_(std::move(path)),
      id_prefix_(IdPrefix(path_)),
      max_record_bytes_(options.max_record_bytes),
      parser_(options) {}

absl::StatusOr<bool> JsonlReader::Next(Record* record) {
  if (!lines_.has_value()) {
    absl::StatusOr<std::unique_ptr<ByteSource>> source = OpenByteSource(path_);
    if (!source.ok()) return source.status();
    map_ = MapPlainFile(**source, path_);
    lines_.emplace(*std::move(source), max_record_bytes_);
  }
  last_raw_offset_.reset();
  Line line;
  for (;;) {
    absl::StatusOr<bool> more = lines_->Next(&line);
    if (!more.ok() || !*more) return more;
    if (line.number == 1 && line.bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
      line.bytes.remove_prefix(kUtf8Bom.size());  // not part of the record
      line.offset += kUtf8Bom.size();
    }
    if (line.oversized_bytes > 0 || !IsBlank(line.bytes)) break;
  }
  record->format = RecordFormat::kJsonl;
  record->origin.file = path_;
  record->origin.line = line.number;
  bool has_id = false;
  if (line.oversized_bytes > 0) {
    record->id.clear();
    record->text.clear();
    record->date.clear();
    record->source.clear();
    record->url.clear();
    record->raw.clear();
    record->text_token_begin = record->text_token_end = 0;
    record->invalid_utf8_replaced = 0;
    record->rejection =
        absl::StrCat("record too large (", line.oversized_bytes,
                     " bytes > limit ", max_record_bytes_,
                     "; raise --max-record-bytes)");
  } else {
    has_id = parser_.Parse(line.bytes, record);
  }
  if (!has_id || record->id.empty()) {
    record->id = absl::StrCat(id_prefix_, line.number);
  }
  // A repaired line is not the file's bytes; a line past the mapped size
  // was appended after the file was opened.
  if (map_ != nullptr && line.oversized_bytes == 0 && record->invalid_utf8_replaced == 0 &&
      line.offset + record->raw.size() <= map_->size()) {
    last_raw_offset_ = line.offset;
  }
  return true;
}

std::optional<RawLocation> JsonlReader::LastRawLocation() const {
  if (!last_raw_offset_.has_value()) return std::nullopt;
  return RawLocation{map_, *last_raw_offset_};
}

}  // namespace neardup::io
