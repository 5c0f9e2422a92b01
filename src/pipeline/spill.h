// Append-only scratch files that hold what the pipeline must not keep in memory.
#ifndef NEARDUP_PIPELINE_SPILL_H_
#define NEARDUP_PIPELINE_SPILL_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace neardup::pipeline {

// A blob's place in a spill file.
struct SpillRef {
  uint64_t offset = 0;
  uint64_t size = 0;
};

// SpillFile: Append() blobs while writing, then Seal() once and read them back
// with View() from a read-only memory map (thread-safe after Seal). The file is
// deleted when the object dies. A write error (disk full) is kept and returned
// by Seal(), so the hot path needs no checks.
//
// Mapped pages that have been read count as the process's resident memory.
// So that reading a whole file back costs bounded memory, View() tallies what
// it may have mapped and, past kReleaseBytes, drops every page of the mapping
// from the process (madvise MADV_DONTNEED): they stay in the page cache, the
// file is unchanged, and the next read of a dropped page maps it again, so
// views handed out before stay valid.
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
    Tally(ref);
    return std::string_view(data_ + ref.offset, ref.size);
  }

  // Mapped bytes one process may hold between two releases.
  static constexpr uint64_t kReleaseBytes = 4u << 20;

 private:
  explicit SpillFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  absl::Status Flush();
  // Adds what reading `ref` may map: its size, plus the kernel's
  // fault-around window when it does not follow the previous view; releases
  // the mapped pages past kReleaseBytes.
  void Tally(SpillRef ref) const;

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  uint64_t size_ = 0;
  int write_errno_ = 0;
  const char* data_ = nullptr;
  size_t mapped_size_ = 0;
  mutable std::atomic<uint64_t> tallied_{0};
  mutable std::atomic<uint64_t> last_end_{0};  // end of the last view
};

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_SPILL_H_
