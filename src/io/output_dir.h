// Builds the output folder out of sight and puts it in place atomically.
#ifndef NEARDUP_IO_OUTPUT_DIR_H_
#define NEARDUP_IO_OUTPUT_DIR_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace neardup::io {

// A fresh temporary folder ".<OUT name>.tmp-<host>-<pid>-<random>" next to
// the final folder OUT (same parent, so the final move is a rename). Outputs are
// written inside it; Commit() makes it OUT in one step: rename() when OUT
// does not exist, otherwise renameat2(RENAME_EXCHANGE) and then the old
// contents are deleted (falling back to moving OUT aside first where the
// exchange is unsupported). Before the move the file system is synced once
// (syncfs), so writers need not fsync each file. Readers of OUT see the old
// or the new folder, never a mix. Destroying an uncommitted OutputDir
// deletes the temporary folder and leaves OUT untouched. Movable, not
// copyable, not thread-safe.
class OutputDir {
 public:
  // Creates the temporary folder. Fails when OUT exists but is not a folder
  // or when its parent is missing or unwritable. First removes the
  // temporary folders for OUT that killed runs on this machine left (their
  // process is gone); those of live runs and other machines stay.
  static absl::StatusOr<OutputDir> Create(std::string final_path);

  OutputDir(OutputDir&& other) noexcept;
  OutputDir& operator=(OutputDir&& other) noexcept;
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;
  ~OutputDir();

  // The temporary folder while uncommitted.
  const std::string& temp_path() const { return temp_path_; }
  const std::string& final_path() const { return final_path_; }
  // `relative` inside the temporary folder.
  std::string Path(std::string_view relative) const;

  // Puts the temporary folder in place as OUT (see the class comment). After
  // success the OutputDir is committed and its destructor does nothing. On
  // failure OUT is unchanged and the temporary folder is kept until
  // destruction.
  absl::Status Commit();

 private:
  OutputDir(std::string final_path, std::string temp_path);

  std::string final_path_;
  std::string temp_path_;  // empty once committed or moved from
};

// Writes `contents` to `path` by way of a temporary file in the same folder
// (written, fsynced, then renamed over `path`), so `path` holds the old or
// the new contents, never a partial file.
absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view contents);

}  // namespace neardup::io

#endif  // NEARDUP_IO_OUTPUT_DIR_H_
