// Reads a folder of .txt files as records.
#ifndef NEARDUP_IO_TXT_FOLDER_READER_H_
#define NEARDUP_IO_TXT_FOLDER_READER_H_

#include <string>
#include <vector>

#include "io/record_reader.h"

namespace neardup::io {

// Yields every *.txt entry below `folder` that is not a folder (recursively,
// symlinks to files followed, symlinked folders not entered) in byte order of
// the path relative to `folder`, which is the record's id. Files are listed on
// the first call to Next(); a folder that cannot be listed is an error Status.
// A file that is binary, too large, unreadable, vanished, a dangling link or
// not a regular file (FIFO, socket, device) is a rejected record.
// Sets every Record field except `index` and `input`. Its pending records
// are complete ones. Not thread-safe.
class TxtFolderReader : public RecordReader {
 public:
  TxtFolderReader(std::string folder, const InputOptions& options);
  absl::StatusOr<bool> Next(Record* record) override;
  absl::StatusOr<bool> NextPending(PendingRecord* pending) override;

 private:
  absl::Status List();
  void ReadFile(Record* record);

  std::string folder_;
  size_t max_record_bytes_;
  bool listed_ = false;
  std::vector<std::string> relative_paths_;
  size_t next_ = 0;
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_TXT_FOLDER_READER_H_
