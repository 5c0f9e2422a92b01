// Append-only scratch files that hold what the pipeline must not keep in memory.
#ifndef NEARDUP_PIPELINE_SPILL_H_
#define NEARDUP_PIPELINE_SPILL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/mapped_file.h"

namespace neardup::pipeline {

// A blob's place in a spill file.
struct SpillRef {
  uint64_t offset = 0;
  uint64_t size = 0;
};

// SpillFile: Append() blobs while writing, then Seal() once and read them back
// with View() from a read-only memory map (thread-safe after Seal) that gives
// its pages back as it is read (io::MappedFile). The file is deleted when the
// object dies. A write error (disk full) is kept and returned by Seal(), so
// the hot path needs no checks.
class SpillFile {
 public:
  static absl::StatusOr<SpillFile> Create(const std::string& path);
  SpillFile(SpillFile&& other) noexcept;
  SpillFile& operator=(SpillFile&& other) = delete;
  SpillFile(const SpillFile&) = delete;
  ~SpillFile();

  SpillRef Append(std::string_view bytes);
  absl::Status Seal();
  std::string_view View(SpillRef ref) const {
    return map_.has_value() ? map_->View(ref.offset, ref.size) : std::string_view();
  }
  // Copies the blob into `*out` without mapping it (io::MappedFile::Read):
  // for blobs read in no particular order.
  bool Read(SpillRef ref, std::string* out) const {
    if (map_.has_value()) return map_->Read(ref.offset, ref.size, out);
    out->clear();
    return ref.size == 0;
  }
  // The same into `out`, which has room for ref.size bytes.
  bool ReadInto(SpillRef ref, char* out) const {
    return map_.has_value() ? map_->ReadInto(ref.offset, ref.size, out) : ref.size == 0;
  }

  // The sealed file, for reads of many blobs at once; null while unsealed
  // or when empty.
  const io::MappedFile* file() const { return map_.has_value() ? &*map_ : nullptr; }

  // Mapped bytes one process may hold between two releases.
  static constexpr uint64_t kReleaseBytes = io::MappedFile::kReleaseBytes;

 private:
  explicit SpillFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  absl::Status Flush();
  // Writes `bytes` to the file; a failure is kept in write_errno_.
  void WriteAll(std::string_view bytes);

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  uint64_t size_ = 0;
  int write_errno_ = 0;
  std::optional<io::MappedFile> map_;  // after Seal(), unless empty
};

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_SPILL_H_
