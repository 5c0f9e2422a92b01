#include "pipeline/spill.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "io/write_all.h"

namespace neardup::pipeline {
namespace {
constexpr size_t kBufferBytes = 1 << 20;
}  // namespace

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
      map_(std::move(other.map_)) {
  other.path_.clear();
  other.map_.reset();
}

SpillFile::~SpillFile() {
  map_.reset();
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

SpillRef SpillFile::Append(std::string_view bytes) {
  SpillRef ref{size_, bytes.size()};
  size_ += bytes.size();
  if (bytes.size() >= kBufferBytes) {
    // Written as it is, not copied through the buffer (errors are kept in
    // write_errno_).
    Flush().IgnoreError();
    WriteAll(bytes);
    return ref;
  }
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferBytes) Flush().IgnoreError();  // kept in write_errno_
  return ref;
}

void SpillFile::WriteAll(std::string_view bytes) {
  if (write_errno_ == 0) write_errno_ = io::WriteAll(fd_, bytes);
}

absl::Status SpillFile::Flush() {
  WriteAll(buffer_);
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
  absl::StatusOr<io::MappedFile> map = io::MappedFile::Map(fd_, path_);
  if (!map.ok()) return map.status();
  map_.emplace(std::move(*map));
  return absl::OkStatus();
}

}  // namespace neardup::pipeline
