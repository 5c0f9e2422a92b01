// Reads one JSONL input (plain, gzip or zstd; a file or stdin) as records.
#ifndef NEARDUP_IO_JSONL_READER_H_
#define NEARDUP_IO_JSONL_READER_H_

#include <memory>
#include <optional>
#include <string>

#include "io/jsonl_line_parser.h"
#include "io/line_splitter.h"
#include "io/record_reader.h"

namespace neardup::io {

// Yields one record per non-blank line of `path` ("-" = stdin), opened on
// the first call to Next(); a plain (uncompressed, regular) file is also
// mapped then, so LastRawLocation() can point into it. A line without a
// usable id (absent, null or "") gets the id "<basename>:<line>"
// ("stdin:<line>" for stdin). A line over max_record_bytes is rejected
// without being held in memory. A UTF-8 byte order mark at the start of the
// stream is skipped (not part of `raw`). An input that cannot be opened or
// read, or a broken compressed stream, is an error Status. Sets every Record
// field except `index` and `input`. Not thread-safe.
class JsonlReader : public RecordReader {
 public:
  JsonlReader(std::string path, const InputOptions& options);
  absl::StatusOr<bool> Next(Record* record) override;
  std::optional<RawLocation> LastRawLocation() const override;

 private:
  std::string path_;
  std::string id_prefix_;  // "<basename>:"
  size_t max_record_bytes_;
  JsonlLineParser parser_;
  std::optional<LineSplitter> lines_;
  // A plain input file, mapped when opened (see LastRawLocation).
  std::shared_ptr<const MappedFile> map_;
  std::optional<uint64_t> last_raw_offset_;
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_JSONL_READER_H_
