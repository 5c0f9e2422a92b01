// A read-only memory map of a file whose pages its readers give back as they go.
#ifndef NEARDUP_IO_MAPPED_FILE_H_
#define NEARDUP_IO_MAPPED_FILE_H_

#include <sys/stat.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace neardup::io {

// MappedFile maps a whole file read-only and hands out views of it; View()
// is thread-safe and a view stays valid while the object lives. The file must not shrink while it is mapped: reading a page
// past its new end raises SIGBUS, which the first Map() call turns into a
// clear message and exit status 2 for the whole process (no output is
// committed then). CheckUnchanged() tells whether the file was replaced or
// written to since it was mapped.
//
// Mapped pages that have been read count as the process's resident memory.
// So that reading a whole file through the map costs bounded memory, View()
// tallies what it may have mapped and, past kReleaseBytes, drops every page
// of the mapping from the process (madvise MADV_DONTNEED): they stay in the
// page cache, the file is unchanged, and the next read of a dropped page maps
// it again, so views handed out before stay valid. Scattered small reads
// should use Read() instead: a fault on a page of a large page-cache folio
// maps the whole folio (up to 2 MiB), more than the tally can know.
class MappedFile {
 public:
  // Maps the whole open file `fd` (which may be closed afterwards: the map
  // keeps a duplicate of it for Read); `name` is its path, for
  // CheckUnchanged() and error messages. An empty file is an error
  // (FailedPrecondition): there is nothing to map; so is running out of file
  // descriptors (Unavailable).
  static absl::StatusOr<MappedFile> Map(int fd, const std::string& name);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) = delete;
  MappedFile(const MappedFile&) = delete;
  ~MappedFile();

  uint64_t size() const { return size_; }
  // OK while the file at the mapped path is the one mapped, with the size and
  // modification time it had then; otherwise an error naming the file.
  absl::Status CheckUnchanged() const;
  // How many maps the process holds: each is an entry in the kernel's
  // limited table of mappings (vm.max_map_count, 65530 by default).
  static int Live() { return live_.load(std::memory_order_relaxed); }
  // The bytes [offset, offset + size), which must lie inside the map.
  std::string_view View(uint64_t offset, uint64_t size) const {
    Tally(offset, size);
    return std::string_view(data_ + offset, size);
  }
  // Replaces `*out` with the bytes [offset, offset + size), read with
  // pread(2) so that no page is mapped into the process. Returns false, with
  // `*out` empty, when they cannot all be read (the file shrank or failed).
  // Thread-safe.
  bool Read(uint64_t offset, uint64_t size, std::string* out) const;
  // The same into `out`, which has room for `size` bytes; false when they
  // cannot all be read.
  bool ReadInto(uint64_t offset, uint64_t size, char* out) const;

  // Mapped bytes one process may hold between two releases.
  static constexpr uint64_t kReleaseBytes = 4u << 20;

 private:
  // What tells one state of a file from another, as fstat/stat give it.
  struct Identity {
    uint64_t device = 0, inode = 0, size = 0;
    int64_t modified_seconds = 0, modified_nanoseconds = 0;
    bool operator==(const Identity&) const = default;
  };
  static Identity IdentityOf(const struct stat& st);

  MappedFile(const char* data, uint64_t size, int fd, std::string name, Identity identity)
      : data_(data), size_(size), fd_(fd), name_(std::move(name)), identity_(identity) {}
  // Adds what reading [offset, offset + size) may map: its size, plus the
  // kernel's fault-around window when it does not follow the previous view;
  // releases the mapped pages past kReleaseBytes.
  void Tally(uint64_t offset, uint64_t size) const;

  static std::atomic<int> live_;

  const char* data_ = nullptr;
  uint64_t size_ = 0;
  int fd_ = -1;  // a duplicate of the mapped file's descriptor, for Read()
  std::string name_;
  Identity identity_;
  mutable std::atomic<uint64_t> tallied_{0};
  mutable std::atomic<uint64_t> last_end_{0};  // end of the last view
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_MAPPED_FILE_H_
