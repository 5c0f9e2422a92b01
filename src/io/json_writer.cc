#include "io/json_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/write_all.h"
#include "text/utf8.h"

namespace neardup::io {
namespace {

constexpr size_t kFileBuffer = 1 << 20;
// Bytes a LineFile hands to the kernel between two requests to write them
// out (see LineFile).
constexpr uint64_t kWritebackBytes = 16 << 20;

}  // namespace

JsonLine::JsonLine() : writer_(buffer_) {}

std::string_view JsonLine::ValidUtf8(std::string_view s) {
  if (text::IsValidUtf8(s)) return s;
  repaired_ = text::RepairUtf8(s, nullptr);
  return repaired_;
}

JsonLine& JsonLine::StartObject() {
  writer_.StartObject();
  return *this;
}
JsonLine& JsonLine::EndObject() {
  writer_.EndObject();
  return *this;
}
JsonLine& JsonLine::StartArray() {
  writer_.StartArray();
  return *this;
}
JsonLine& JsonLine::EndArray() {
  writer_.EndArray();
  return *this;
}
JsonLine& JsonLine::Key(std::string_view key) {
  const std::string_view k = ValidUtf8(key);
  writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
  return *this;
}
JsonLine& JsonLine::String(std::string_view value) {
  const std::string_view v = ValidUtf8(value);
  writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  return *this;
}
JsonLine& JsonLine::Int(int64_t value) {
  writer_.Int64(value);
  return *this;
}
JsonLine& JsonLine::Uint(uint64_t value) {
  writer_.Uint64(value);
  return *this;
}
JsonLine& JsonLine::Double(double value) {
  if (std::isfinite(value)) {
    writer_.Double(value);
  } else {
    writer_.Null();
  }
  return *this;
}
JsonLine& JsonLine::Bool(bool value) {
  writer_.Bool(value);
  return *this;
}
JsonLine& JsonLine::Null() {
  writer_.Null();
  return *this;
}

void JsonLine::Clear() {
  buffer_.Clear();
  writer_.Reset(buffer_);
}

void AppendJsonString(std::string_view value, std::string* out) {
  thread_local JsonLine line;
  line.Clear();
  line.String(value);
  out->append(line.view());
}

LineFile::LineFile(std::string path, std::FILE* file)
    : path_(std::move(path)), file_(file) {}

LineFile::LineFile(LineFile&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::exchange(other.file_, nullptr)),
      status_(std::move(other.status_)),
      written_(other.written_),
      written_back_(other.written_back_) {}

LineFile& LineFile::operator=(LineFile&& other) noexcept {
  if (this != &other) {
    if (file_ != nullptr) std::fclose(file_);
    path_ = std::move(other.path_);
    file_ = std::exchange(other.file_, nullptr);
    status_ = std::move(other.status_);
    written_ = other.written_;
    written_back_ = other.written_back_;
  }
  return *this;
}

LineFile::~LineFile() {
  if (file_ != nullptr) std::fclose(file_);
}

absl::StatusOr<LineFile> LineFile::Create(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wbe");
  if (file == nullptr) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot create ", path, ": ", std::strerror(errno),
        "; check that the folder exists and is writable"));
  }
  std::setvbuf(file, nullptr, _IOFBF, kFileBuffer);
  return LineFile(path, file);
}

absl::Status LineFile::Fail(int error) {
  if (status_.ok()) {
    status_ = absl::UnavailableError(absl::StrCat(
        "cannot write ", path_, ": ", std::strerror(error),
        error == ENOSPC ? "; the disk is full: free some space and run again"
                        : "; check the disk and the folder's permissions"));
  }
  return status_;
}

absl::Status LineFile::Write(std::string_view bytes) {
  if (!status_.ok()) return status_;
  if (file_ == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(path_, ": closed"));
  }
  if (bytes.size() >= kFileBuffer) {
    if (absl::Status s = WriteDirectly(bytes); !s.ok()) return s;
  } else if (!bytes.empty() &&
             std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return Fail(errno != 0 ? errno : EIO);
  }
  written_ += bytes.size();
  if (written_ - written_back_ >= kWritebackBytes) StartWriteback();
  return absl::OkStatus();
}

absl::Status LineFile::WriteDirectly(std::string_view bytes) {
  if (std::fflush(file_) != 0) return Fail(errno != 0 ? errno : EIO);
  if (const int error = WriteAll(fileno(file_), bytes); error != 0) return Fail(error);
  return absl::OkStatus();
}

void LineFile::StartWriteback() {
  if (std::fflush(file_) != 0) return;  // the error shows at the next write or Close()
  // Only a hint: failures are ignored.
  sync_file_range(fileno(file_), static_cast<off64_t>(written_back_),
                  static_cast<off64_t>(written_ - written_back_), SYNC_FILE_RANGE_WRITE);
  written_back_ = written_;
}

absl::Status LineFile::WriteLine(std::string_view line) {
  if (absl::Status s = Write(line); !s.ok()) return s;
  if (std::fputc('\n', file_) == EOF) return Fail(errno != 0 ? errno : EIO);
  ++written_;
  return absl::OkStatus();
}

absl::Status LineFile::Close() {
  if (file_ == nullptr) return status_;
  std::FILE* file = std::exchange(file_, nullptr);
  if (std::fflush(file) != 0) status_ = Fail(errno != 0 ? errno : EIO);
  if (std::fclose(file) != 0) status_ = Fail(errno != 0 ? errno : EIO);
  return status_;
}

}  // namespace neardup::io
