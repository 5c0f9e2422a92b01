// Reads one JSONL input (plain, gzip or zstd; a file or stdin) as records.
#ifndef NEARDUP_IO_JSONL_READER_H_
#define NEARDUP_IO_JSONL_READER_H_

#include <memory>
#include <optional>
#include <string>

#include "io/line_splitter.h"
#include "io/pending_record.h"

namespace neardup::io {

// Yields one pending record per non-blank line of `path` ("-" = stdin),
// opened on the first call to NextPending(); a plain (uncompressed, regular)
// file is also mapped then, so that RecordParser::Complete can locate a
// record's raw line in it. NextPending() only splits lines: each line is
// copied into `raw`, and the parsing is RecordParser's. A line over
// max_record_bytes is not held in memory (RecordParser rejects it). A UTF-8
// byte order mark at the start of the stream is skipped (not part of the
// line). An input that cannot be opened or read, or a broken compressed
// stream, is an error Status. Sets `format`, `origin`, `raw` and the
// PendingRecord's own fields. Not thread-safe.
class JsonlReader : public PendingSource {
 public:
  JsonlReader(std::string path, const InputOptions& options);
  absl::StatusOr<bool> NextPending(PendingRecord* pending) override;

 private:
  std::string path_;
  size_t max_record_bytes_;
  std::optional<LineSplitter> lines_;
  // A plain input file, mapped when opened.
  std::shared_ptr<const MappedFile> map_;
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_JSONL_READER_H_
