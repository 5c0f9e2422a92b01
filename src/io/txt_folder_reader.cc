#include "io/txt_folder_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "text/utf8.h"

namespace neardup::io {
namespace {

namespace fs = std::filesystem;

// NUL bytes within this prefix mark a file as binary.
constexpr size_t kBinaryProbeBytes = 8192;

bool EndsWithTxt(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0;
}

std::string JoinPath(const std::string& folder, const std::string& rel) {
  if (!folder.empty() && folder.back() == '/') return folder + rel;
  return absl::StrCat(folder, "/", rel);
}

// A file is binary when it has a NUL near its start or when at least a
// quarter of its bytes begin an invalid UTF-8 sequence.
bool LooksBinary(std::string_view bytes, uint32_t invalid_sequences) {
  const std::string_view probe = bytes.substr(0, kBinaryProbeBytes);
  if (probe.find('\0') != std::string_view::npos) return true;
  return static_cast<uint64_t>(invalid_sequences) * 4 > bytes.size();
}

std::string TooLarge(uint64_t size, size_t limit) {
  return absl::StrCat("record too large (", size, " bytes > limit ", limit,
                      "; raise --max-record-bytes)");
}

}  // namespace

TxtFolderReader::TxtFolderReader(std::string folder,
                                 const InputOptions& options)
    : folder_(std::move(folder)),
      max_record_bytes_(options.max_record_bytes) {}

absl::Status TxtFolderReader::List() {
  const fs::path root(folder_);
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec);
  const fs::recursive_directory_iterator end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    if (!EndsWithTxt(entry.path().filename().string())) continue;
    // Folders named *.txt are entered, not read. Anything else named *.txt
    // (a dangling link, a FIFO, a device) becomes a rejected record.
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) continue;
    relative_paths_.push_back(
        entry.path().lexically_relative(root).generic_string());
  }
  if (ec) {
    return absl::PermissionDeniedError(absl::StrCat(
        folder_, ": cannot list the folder: ", ec.message(),
        "; check that it exists and that its subfolders are readable"));
  }
  std::sort(relative_paths_.begin(), relative_paths_.end());
  return absl::OkStatus();
}

void TxtFolderReader::ReadFile(Record* record) {
  std::string& raw = record->raw;
  raw.clear();
  // O_NONBLOCK: opening a FIFO must not wait for a writer (no effect on
  // regular files); O_NOCTTY: a terminal never becomes ours.
  const int fd = ::open(record->origin.file.c_str(),
                        O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    record->rejection = absl::StrCat("cannot read: ", std::strerror(errno));
    return;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    record->rejection = absl::StrCat("cannot read: ", std::strerror(errno));
    close(fd);
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    record->rejection =
        "not a regular file (a FIFO, socket or device named *.txt); "
        "move it out of the input folder";
    close(fd);
    return;
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size > max_record_bytes_) {
    record->rejection = TooLarge(size, max_record_bytes_);
    close(fd);
    return;
  }
  // Read up to one byte past the limit so a file that grew is noticed.
  size_t target = static_cast<size_t>(size) + 1;
  size_t total = 0;
  raw.resize(target);
  for (;;) {
    const ssize_t n = ::read(fd, raw.data() + total, target - total);
    if (n < 0) {
      if (errno == EINTR) continue;
      record->rejection = absl::StrCat("cannot read: ", std::strerror(errno));
      raw.clear();
      close(fd);
      return;
    }
    if (n == 0) break;
    total += static_cast<size_t>(n);
    if (total == target) {
      if (total > max_record_bytes_) break;
      target = std::min(target * 2, max_record_bytes_ + 1);
      raw.resize(target);
    }
  }
  close(fd);
  raw.resize(total);
  if (total > max_record_bytes_) {
    record->rejection = TooLarge(total, max_record_bytes_);
    raw.clear();
    return;
  }
  record->text = text::RepairUtf8(raw, &record->invalid_utf8_replaced);
  if (LooksBinary(raw, record->invalid_utf8_replaced)) {
    record->rejection = "binary file";
    record->text.clear();
  }
}

absl::StatusOr<bool> TxtFolderReader::NextPending(PendingRecord* pending) {
  if (!listed_) {
    listed_ = true;
    if (absl::Status s = List(); !s.ok()) return s;
  }
  if (next_ == relative_paths_.size()) return false;
  const std::string& rel = relative_paths_[next_++];
  pending->offset = 0;
  pending->oversized_bytes = 0;
  pending->map.reset();
  Record* record = &pending->record;
  record->id = rel;
  record->text.clear();
  record->date.clear();
  record->source.clear();
  record->url.clear();
  record->origin.file = JoinPath(folder_, rel);
  record->origin.line = 0;
  record->format = RecordFormat::kTextFile;
  record->text_token_begin = record->text_token_end = 0;
  record->invalid_utf8_replaced = 0;
  record->rejection.clear();
  ReadFile(record);
  return true;
}

}  // namespace neardup::io
