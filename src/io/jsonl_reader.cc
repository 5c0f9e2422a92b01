#include "io/jsonl_reader.h"

#include <string_view>
#include <utility>

#include "io/byte_source.h"

namespace neardup::io {
namespace {

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
    : path_(std::move(path)), max_record_bytes_(options.max_record_bytes) {}

absl::StatusOr<bool> JsonlReader::NextPending(PendingRecord* pending) {
  if (!lines_.has_value()) {
    absl::StatusOr<std::unique_ptr<ByteSource>> source = OpenByteSource(path_);
    if (!source.ok()) return source.status();
    map_ = MapPlainFile(**source, path_);
    lines_.emplace(*std::move(source), max_record_bytes_);
  }
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
  Record& record = pending->record;
  record.format = RecordFormat::kJsonl;
  record.origin.file = path_;
  record.origin.line = line.number;
  pending->offset = line.offset;
  // Copied from the splitter's block just read, which costs far less than
  // reading the line again through the map; room for the parser's padding,
  // so that it needs no second copy.
  AssignReusing(&record.raw, line.bytes, kLinePadding);
  pending->oversized_bytes = line.oversized_bytes;
  pending->map = map_;
  return true;
}

}  // namespace neardup::io
