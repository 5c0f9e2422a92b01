#include "io/mapped_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"

namespace neardup::io {
namespace {
// What a read fault may map besides the page read: the kernel maps up to
// 64 KiB of neighbouring cached pages ("fault-around").
constexpr uint64_t kFaultAroundBytes = 64u << 10;

// A mapped file that shrinks under the process makes reads past its new end
// raise SIGBUS. Only async-signal-safe calls here: write(2) and _exit(2).
void OnBusError(int) {
  static constexpr char kMessage[] =
      "neardup: a file being read shrank while neardup was running (bus error); "
      "outputs were not changed; re-run when the input files no longer change\n";
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  ::_exit(2);
}

void HandleBusErrorsOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action = {};
    action.sa_handler = OnBusError;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, nullptr);
  });
}

}  // namespace

MappedFile::Identity MappedFile::IdentityOf(const struct stat& st) {
  return {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
          static_cast<uint64_t>(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
}

absl::StatusOr<MappedFile> MappedFile::Map(int fd, const std::string& name) {
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    return absl::UnavailableError(absl::StrCat(name, ": cannot read file status: ", std::strerror(errno)));
  }
  if (st.st_size <= 0) {
    return absl::FailedPreconditionError(absl::StrCat(name, ": empty file, nothing to map"));
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const int own_fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (own_fd < 0) {
    return absl::UnavailableError(absl::StrCat(name, ": cannot keep the file open: ",
                                               std::strerror(errno),
                                               "; raise the open-file limit (ulimit -n)"));
  }
  HandleBusErrorsOnce();
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    const int error = errno;
    ::close(own_fd);
    return absl::InternalError(absl::StrCat(name, ": cannot map file: ", std::strerror(error)));
  }
  live_.fetch_add(1, std::memory_order_relaxed);
  return MappedFile(static_cast<const char*>(map), size, own_fd, name, IdentityOf(st));
}

bool MappedFile::Read(uint64_t offset, uint64_t size, std::string* out) const {
  out->resize(size);
  if (ReadInto(offset, size, out->data())) return true;
  out->clear();
  return false;
}

bool MappedFile::ReadInto(uint64_t offset, uint64_t size, char* out) const {
  uint64_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<uint64_t>(n);
  }
  return true;
}

absl::Status MappedFile::CheckUnchanged() const {
  struct stat st;
  if (::stat(name_.c_str(), &st) == 0 && IdentityOf(st) == identity_) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat(
      name_, ": the file changed while neardup was running (it was replaced, written to or "
             "resized after it was read); outputs were not changed; re-run when it no longer "
             "changes"));
}

std::atomic<int> MappedFile::live_{0};

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      fd_(std::exchange(other.fd_, -1)),
      name_(std::move(other.name_)),
      identity_(other.identity_),
      tallied_(other.tallied_.load()),
      last_end_(other.last_end_.load()) {}

MappedFile::~MappedFile() {
  if (data_ == nullptr) return;
  ::munmap(const_cast<char*>(data_), size_);
  ::close(fd_);
  live_.fetch_sub(1, std::memory_order_relaxed);
}

void MappedFile::Tally(uint64_t offset, uint64_t size) const {
  const uint64_t last_end = last_end_.exchange(offset + size, std::memory_order_relaxed);
  const bool follows = offset >= last_end && offset - last_end < kFaultAroundBytes;
  const uint64_t bytes = size + (follows ? 0 : kFaultAroundBytes);
  if (tallied_.fetch_add(bytes, std::memory_order_relaxed) + bytes < kReleaseBytes) return;
  tallied_.store(0, std::memory_order_relaxed);
  ::madvise(const_cast<char*>(data_), size_, MADV_DONTNEED);
}

}  // namespace neardup::io
