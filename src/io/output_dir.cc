#include "io/output_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/string_view_compat.h"
#include "io/write_all.h"

namespace neardup::io {
namespace {

namespace fs = std::filesystem;

// "<parent>/" and "<name>" of `path` (trailing slashes ignored).
std::pair<std::string, std::string> SplitParent(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash + 1), path.substr(slash + 1)};
}

// This machine's name, as temporary names carry it ("localhost" when it
// cannot be read).
std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

// "<parent>/.<name>.<tag>-<host>-<pid>-<salt>": unique, and it tells which
// process on which machine made it.
std::string SiblingName(const std::string& path, std::string_view tag) {
  auto [parent, name] = SplitParent(path);
  std::random_device random;
  const uint64_t salt = (uint64_t{random()} << 32) | random();
  return absl::StrCat(parent, ".", name, ".", Absl(tag), "-", HostName(), "-", getpid(), "-",
                      absl::Hex(salt));
}

// The process id in a sibling name's "<host>-<pid>-<salt>" tail when <host>
// is this machine, else 0.
pid_t OwnerOnThisHost(std::string_view tail, std::string_view host) {
  const size_t salt_dash = tail.rfind('-');
  if (salt_dash == std::string_view::npos || salt_dash == 0) return 0;
  const size_t pid_dash = tail.rfind('-', salt_dash - 1);
  if (pid_dash == std::string_view::npos || tail.substr(0, pid_dash) != host) return 0;
  const std::string_view digits = tail.substr(pid_dash + 1, salt_dash - pid_dash - 1);
  pid_t pid = 0;
  for (char c : digits) {
    if (c < '0' || c > '9' || pid > 100'000'000) return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

void FsyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.empty() ? "." : path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

// Flushes every file written into `folder` (one call for the whole file
// system instead of one fsync per output file).
void SyncFileSystemOf(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  syncfs(fd);
  close(fd);
}

void FsyncParent(const std::string& path) {
  FsyncPath(SplitParent(path).first, O_RDONLY | O_DIRECTORY);
}

void RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

// Removes the temporary folders next to `final_path` that runs on this
// machine left when they were killed: those whose process no longer exists.
// Folders of live processes and of other machines (a shared file system)
// are left alone.
void RemoveAbandonedTemporaries(const std::string& final_path) {
  const auto [parent, name] = SplitParent(final_path);
  const std::string wanted = absl::StrCat(".", name, ".tmp-");
  const std::string host = HostName();
  std::error_code ec;
  for (fs::directory_iterator it(parent.empty() ? "." : parent, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (entry.size() <= wanted.size() || entry.compare(0, wanted.size(), wanted) != 0) continue;
    const pid_t owner = OwnerOnThisHost(std::string_view(entry).substr(wanted.size()), host);
    if (owner <= 0 || owner == getpid()) continue;
    if (::kill(owner, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    RemoveTree(absl::StrCat(parent, entry));
  }
}

}  // namespace

OutputDir::OutputDir(std::string final_path, std::string temp_path)
    : final_path_(std::move(final_path)), temp_path_(std::move(temp_path)) {}

OutputDir::OutputDir(OutputDir&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      temp_path_(std::exchange(other.temp_path_, std::string())) {}

OutputDir& OutputDir::operator=(OutputDir&& other) noexcept {
  if (this != &other) {
    if (!temp_path_.empty()) RemoveTree(temp_path_);
    final_path_ = std::move(other.final_path_);
    temp_path_ = std::exchange(other.temp_path_, std::string());
  }
  return *this;
}

OutputDir::~OutputDir() {
  if (!temp_path_.empty()) RemoveTree(temp_path_);
}

absl::StatusOr<OutputDir> OutputDir::Create(std::string final_path) {
  if (final_path.empty()) {
    return absl::InvalidArgumentError("the output folder path is empty");
  }
  struct stat st;
  if (stat(final_path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return absl::AlreadyExistsError(absl::StrCat(
        final_path, ": exists and is not a folder; choose another output "
        "folder or remove the file"));
  }
  RemoveAbandonedTemporaries(final_path);
  std::string temp = SiblingName(final_path, "tmp");
  if (mkdir(temp.c_str(), 0777) != 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot create output folder next to ", final_path, ": ",
        std::strerror(errno),
        "; check that the parent exists and is writable"));
  }
  return OutputDir(std::move(final_path), std::move(temp));
}

std::string OutputDir::Path(std::string_view relative) const {
  return absl::StrCat(temp_path_, "/", Absl(relative));
}

absl::Status OutputDir::Commit() {
  if (temp_path_.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(final_path_, ": output folder already committed"));
  }
  SyncFileSystemOf(temp_path_);
  if (::rename(temp_path_.c_str(), final_path_.c_str()) == 0) {
    temp_path_.clear();
    FsyncParent(final_path_);
    return absl::OkStatus();
  }
  if (errno != EEXIST && errno != ENOTEMPTY) {
    return absl::InternalError(absl::StrCat(
        "cannot move the finished output into ", final_path_, ": ",
        std::strerror(errno), "; the results are left in ", temp_path_));
  }
  // OUT exists and is not empty: swap it with the new folder.
  if (renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, final_path_.c_str(),
                RENAME_EXCHANGE) == 0) {
    FsyncParent(final_path_);
    RemoveTree(temp_path_);  // now the old contents
    temp_path_.clear();
    return absl::OkStatus();
  }
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
    return absl::InternalError(absl::StrCat(
        "cannot replace ", final_path_, ": ", std::strerror(errno),
        "; the results are left in ", temp_path_));
  }
  // No exchange on this file system: move OUT aside, then the new one in.
  const std::string aside = SiblingName(final_path_, "old");
  if (::rename(final_path_.c_str(), aside.c_str()) != 0) {
    return absl::InternalError(absl::StrCat(
        "cannot move the old ", final_path_, " aside: ", std::strerror(errno),
        "; the results are left in ", temp_path_));
  }
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    const int error = errno;
    ::rename(aside.c_str(), final_path_.c_str());  // put the old one back
    return absl::InternalError(absl::StrCat(
        "cannot move the finished output into ", final_path_, ": ",
        std::strerror(error), "; the results are left in ", temp_path_));
  }
  temp_path_.clear();
  FsyncParent(final_path_);
  RemoveTree(aside);
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view contents) {
  const std::string temp = SiblingName(path, "tmp");
  const int fd =
      ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot create a file next to ", path, ": ", std::strerror(errno),
        "; check that the folder exists and is writable"));
  }
  int error = WriteAll(fd, contents);
  if (error == 0 && fsync(fd) != 0) error = errno;
  if (close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.c_str());
    return absl::UnavailableError(absl::StrCat(
        "cannot write ", path, ": ", std::strerror(error),
        error == ENOSPC ? "; free some disk space and run again"
                        : "; check the disk and the folder's permissions"));
  }
  FsyncParent(path);
  return absl::OkStatus();
}

}  // namespace neardup::io
