// A record read but not yet parsed, where such records come from, and the
// parser that completes them, so that parsing can run on other threads than
// the reading.
#ifndef NEARDUP_IO_PENDING_RECORD_H_
#define NEARDUP_IO_PENDING_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "io/mapped_file.h"
#include "neardup/document.h"
#include "neardup/options.h"

namespace neardup::io {

class JsonlLineParser;

// A record's raw bytes inside a mapped input file: [offset, offset + size of
// `raw`) of `file`.
struct RawLocation {
  std::shared_ptr<const MappedFile> file;
  uint64_t offset = 0;
};

// A record as a reader splits it off (PendingSource, RecordReader::
// NextPending). A .txt file's `record` is complete. A JSONL line's `record`
// has only `index`, `input`, `format`, `origin` and `raw` (the line's bytes,
// without newline or byte order mark, with room for kLinePadding more) set;
// RecordParser::Complete parses it. Owns everything it refers to, so it may
// outlive its reader and move between threads; a reader may refill one
// (its buffers are reused).
struct PendingRecord {
  Record record;
  uint64_t offset = 0;          // kJsonl: of the line's first byte in the input
  size_t oversized_bytes = 0;   // kJsonl: > 0: the line had this many bytes,
                                // over max_record_bytes, and `raw` is empty
  std::shared_ptr<const MappedFile> map;  // kJsonl: the input, when a mapped plain file
};

// PendingSource: one input's records, split off in input order and not yet
// parsed (a PendingRecord each). NextPending() fills `pending` and returns
// true, or returns false at the end of the input; an input that cannot be
// read is an error Status. Not thread-safe.
class PendingSource {
 public:
  virtual ~PendingSource() = default;
  virtual absl::StatusOr<bool> NextPending(PendingRecord* pending) = 0;
};

// RecordParser completes pending records; what it makes of one depends on
// that record alone (duplicate ids are the caller's: IdRegistry). A JSONL
// line is parsed into the record's fields (JsonlLineParser); a line without a
// usable id (absent, null or "") gets the id "<basename>:<line>"
// ("stdin:<line>" for stdin); an oversized line is rejected. A .txt record is
// left as it is. Not thread-safe (it reuses the parser's buffers): use one
// per thread.
class RecordParser {
 public:
  explicit RecordParser(const InputOptions& options);
  RecordParser(RecordParser&&) noexcept;
  RecordParser& operator=(RecordParser&&) noexcept;
  ~RecordParser();

  // Completes `pending->record` (call once per pending record) and returns
  // where its `raw` bytes lie, unchanged, in the mapped input: for a line of
  // a mapped plain file that needed no UTF-8 repair and lies within the
  // mapped size (a line past it was appended after the file was opened).
  // nullopt for anything else.
  std::optional<RawLocation> Complete(PendingRecord* pending);

 private:
  size_t max_record_bytes_;
  std::unique_ptr<JsonlLineParser> parser_;  // a pointer, so this header needs no simdjson.h
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_PENDING_RECORD_H_
