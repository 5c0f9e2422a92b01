// Reads records from the inputs named on the command line.
#ifndef NEARDUP_IO_RECORD_READER_H_
#define NEARDUP_IO_RECORD_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/pending_record.h"
#include "neardup/document.h"
#include "neardup/options.h"

namespace neardup::io {

// RecordReader yields the records of all inputs in order: inputs in the order
// given, a folder's .txt files in byte order of their relative paths, a JSONL
// file's lines in order (blank lines skipped). A record that cannot be used
// (malformed JSON, missing or non-string text field, too large, duplicate id,
// unreadable or vanished file inside a folder) is still returned, with
// `rejection` saying why, so that it is accounted for. Only an input that
// cannot be opened or read at all, or a broken compressed stream, is an error
// Status (message names the file and what to do). Records come either
// complete (Next) or pending (NextPending); a reader is read one way only.
// Not thread-safe.
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Fills `record` with the next record and returns true, or returns false at
  // the end of all inputs.
  virtual absl::StatusOr<bool> Next(Record* record) = 0;
  // Where the `raw` bytes of the record Next() filled last lie, unchanged, in
  // the input file they were read from, so they can be read again without a
  // copy: a plain JSONL file's line that needed no UTF-8 repair. nullopt for
  // anything else (stdin, compressed input, repaired lines, .txt files).
  virtual std::optional<RawLocation> LastRawLocation() const { return std::nullopt; }
  // Fills `pending` with the next record, its JSONL line not yet parsed, and
  // returns true, or returns false at the end of all inputs. These are the
  // records Next() gives once each is completed (RecordParser::Complete, on
  // any thread, which also gives LastRawLocation's answer) and, for the
  // reader OpenRecordReader returns, its id admitted in input order
  // (IdRegistry::Admit(Record*)).
  virtual absl::StatusOr<bool> NextPending(PendingRecord* pending) = 0;
};

// A half-open range [first, last) of the command-line inputs.
struct InputRange {
  size_t first = 0;
  size_t last = 0;
};

// Opens `inputs`: each a folder (every regular *.txt file below it, id = path
// relative to the folder, format kTextFile), a .jsonl / .jsonl.gz / .jsonl.zst
// file (gzip and zstd detected by magic bytes, not by name), or "-" for JSONL
// on standard input. Fails up front if an input does not exist. With `range`,
// only those inputs are read (each one still checked up front); records keep
// their command-line input numbers and are numbered from 0 within the range,
// and duplicate ids are found within the range only.
absl::StatusOr<std::unique_ptr<RecordReader>> OpenRecordReader(
    const std::vector<std::string>& inputs, const InputOptions& options,
    std::optional<InputRange> range = std::nullopt);

}  // namespace neardup::io

#endif  // NEARDUP_IO_RECORD_READER_H_
