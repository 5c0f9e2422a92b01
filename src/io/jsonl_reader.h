// Reads one JSONL input (plain, gzip or zstd; a file or stdin) as records.
#ifndef NEARDUP_IO_JSONL_READER_H_
#define NEARDUP_IO_JSONL_READER_H_

#include <memory>
#include <optional>
#include <string>

#include "io/line_splitter.h"
#include "io/pending_record.h"
#include "io/record_reader.h"

namespace neardup::io {

// Yields one record per non-blank line of `path` ("-" = stdin), opened on
// the first call to Next() or NextPending(); a plain (uncompressed, regular)
// file is also mapped then, so a record's raw line can be located in it
// (LastRawLocation, RecordParser::Complete). A line over max_record_bytes is
// rejected without being held in memory. A UTF-8 byte order mark at the
// start of the stream is skipped (not part of `raw`). An input that cannot
// be opened or read, or a broken compressed stream, is an error Status.
// NextPending() only splits lines: it copies the line's bytes and leaves the
// parsing (see RecordParser) to its caller. Sets every Record field except
// `index` and `input`. Not thread-safe.
class JsonlReader : public RecordReader {
 public:
  JsonlReader(std::string path, const InputOptions& options);
  absl::StatusOr<bool> Next(Record* record) override;
  std::optional<RawLocation> LastRawLocation() const override { return last_raw_; }
  absl::StatusOr<bool> NextPending(PendingRecord* pending) override;

 private:
  std::string path_;
  size_t max_record_bytes_;
  std::optional<LineSplitter> lines_;
  // A plain input file, mapped when opened (see LastRawLocation).
  std::shared_ptr<const MappedFile> map_;
  // For Next(): the parser, the record being completed, and where the last
  // one's raw bytes lie.
  RecordParser parser_;
  PendingRecord pending_;
  std::optional<RawLocation> last_raw_;
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_JSONL_READER_H_
