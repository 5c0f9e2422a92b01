// Reads a folder of .txt files as records.
#ifndef NEARDUP_IO_TXT_FOLDER_READER_H_
#define NEARDUP_IO_TXT_FOLDER_READER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "io/pending_record.h"
#include "neardup/options.h"

namespace neardup::io {

// Yields every *.txt entry below `folder` that is not a folder (recursively,
// symlinks to files followed, symlinked folders not entered) in byte order of
// the path relative to `folder`, which is the record's id. Files are listed on
// the first call to NextPending(); a folder that cannot be listed is an error
// Status. A file that is binary, too large, unreadable, vanished, a dangling
// link or not a regular file (FIFO, socket, device) is a rejected record.
// Its pending records are complete: every Record field is set except `index`
// and `input`. Not thread-safe.
class TxtFolderReader : public PendingSource {
 public:
  TxtFolderReader(std::string folder, const InputOptions& options);
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
