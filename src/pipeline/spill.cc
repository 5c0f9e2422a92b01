#include "pipeline/spill.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace neardup::pipeline {
namespace {
constexpr size_t kBufferBytes = 1 << 20;
// What a read fault may map besides the page read: the kernel maps up to
// 64 KiB of neighbouring cached pages ("fault-around").
constexpr uint64_t kFaultAroundBytes = 64u << 10;
}

absl::StatusOr<SpillFile> SpillFile::Create(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot create scratch file: ",
                                               std::strerror(errno),
                                               "; check that the output folder's parent is writable"));
  }
  return SpillFile(path, fd);
}

SpillFile::SpillFile(SpillFile&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      buffer_(std::move(other.buffer_)),
      size_(other.size_),
      write_errno_(other.write_errno_),
      data_(std::exchange(other.data_, nullptr)),
      mapped_size_(std::exchange(other.mapped_size_, 0)),
      tallied_(other.tallied_.load()),
      last_end_(other.last_end_.load()) {
  other.path_.clear();
}

SpillFile::~SpillFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), mapped_size_);
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

SpillRef SpillFile::Append(std::string_view bytes) {
  SpillRef ref{size_, bytes.size()};
  size_ += bytes.size();
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferBytes) Flush().IgnoreError();  // kept in write_errno_
  return ref;
}

void SpillFile::Tally(SpillRef ref) const {
  const uint64_t last_end = last_end_.exchange(ref.offset + ref.size, std::memory_order_relaxed);
  const bool follows = ref.offset >= last_end && ref.offset - last_end < kFaultAroundBytes;
  const uint64_t bytes = ref.size + (follows ? 0 : kFaultAroundBytes);
  if (tallied_.fetch_add(bytes, std::memory_order_relaxed) + bytes < kReleaseBytes) return;
  tallied_.store(0, std::memory_order_relaxed);
  if (data_ != nullptr) ::madvise(const_cast<char*>(data_), mapped_size_, MADV_DONTNEED);
}

absl::Status SpillFile::Flush() {
  size_t done = 0;
  while (done < buffer_.size() && write_errno_ == 0) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      write_errno_ = n < 0 ? errno : EIO;
      break;
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  if (write_errno_ != 0) {
    return absl::ResourceExhaustedError(absl::StrCat(
        path_, ": cannot write scratch data: ", std::strerror(write_errno_),
        "; free disk space next to the output folder and run again"));
  }
  return absl::OkStatus();
}

absl::Status SpillFile::Seal() {
  if (absl::Status status = Flush(); !status.ok()) return status;
  if (size_ == 0) return absl::OkStatus();
  void* map = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd_, 0);
  if (map == MAP_FAILED) {
    return absl::InternalError(absl::StrCat(path_, ": cannot map scratch file: ",
                                            std::strerror(errno)));
  }
  data_ = static_cast<const char*>(map);
  mapped_size_ = size_;
  return absl::OkStatus();
}

}  // namespace neardup::pipeline
