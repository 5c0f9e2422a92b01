// Building JSON lines and writing buffered output files.
#ifndef NEARDUP_IO_JSON_WRITER_H_
#define NEARDUP_IO_JSON_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace neardup::io {

// Builds one compact JSON value (usually an object per output line) with
// RapidJSON. Keys come out in the order written; strings are escaped
// (quotes, backslash, control characters), and invalid UTF-8 in a string is
// replaced by U+FFFD first, so the output is always valid JSON in UTF-8.
// Non-finite doubles are written as null. Calls must form a well-nested
// value; Clear() starts the next one and keeps the buffer. Not thread-safe.
class JsonLine {
 public:
  JsonLine();

  JsonLine& StartObject();
  JsonLine& EndObject();
  JsonLine& StartArray();
  JsonLine& EndArray();
  JsonLine& Key(std::string_view key);
  JsonLine& String(std::string_view value);
  JsonLine& Int(int64_t value);
  JsonLine& Uint(uint64_t value);
  JsonLine& Double(double value);
  JsonLine& Bool(bool value);
  JsonLine& Null();

  // Key followed by its value.
  JsonLine& Field(std::string_view key, std::string_view value) {
    return Key(key).String(value);
  }
  JsonLine& Field(std::string_view key, const char* value) {
    return Key(key).String(value);
  }
  JsonLine& Field(std::string_view key, int64_t value) {
    return Key(key).Int(value);
  }
  JsonLine& Field(std::string_view key, uint64_t value) {
    return Key(key).Uint(value);
  }
  JsonLine& Field(std::string_view key, int value) {
    return Key(key).Int(value);
  }
  JsonLine& Field(std::string_view key, uint32_t value) {
    return Key(key).Uint(value);
  }
  JsonLine& Field(std::string_view key, double value) {
    return Key(key).Double(value);
  }
  JsonLine& Field(std::string_view key, bool value) {
    return Key(key).Bool(value);
  }

  // The JSON text written so far (no trailing newline).
  std::string_view view() const {
    return std::string_view(buffer_.GetString(), buffer_.GetSize());
  }
  void Clear();

 private:
  std::string_view ValidUtf8(std::string_view s);

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
  std::string repaired_;
};

// Appends `value` as a JSON string token (with quotes) to `out`, escaped as
// JsonLine does.
void AppendJsonString(std::string_view value, std::string* out);

// A buffered output file written line by line (a write of a buffer's worth
// or more goes to the file directly, not through the buffer). The first write error is
// kept and returned by every later call and by Close(), naming the file
// (running out of disk space says so). Every 16 MB written it asks the
// kernel to start writing the file out, without waiting, so that the sync
// of the output folder (OutputDir::Commit) finds little left to write.
// Movable, not thread-safe.
class LineFile {
 public:
  // Creates or truncates `path`.
  static absl::StatusOr<LineFile> Create(const std::string& path);

  LineFile(LineFile&& other) noexcept;
  LineFile& operator=(LineFile&& other) noexcept;
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;
  ~LineFile();  // closes without reporting; call Close() to see errors

  absl::Status Write(std::string_view bytes);
  absl::Status WriteLine(std::string_view line);  // `line` then '\n'
  // Flushes and closes; the file's final status. (Durability comes from
  // OutputDir::Commit, which syncs the whole output folder.)
  absl::Status Close();
  const std::string& path() const { return path_; }

 private:
  LineFile(std::string path, std::FILE* file);
  absl::Status Fail(int error);
  // Flushes the buffer and asks for [written_back_, written_) to be
  // written out.
  void StartWriteback();
  // Flushes the buffer, then writes `bytes` with write(2).
  absl::Status WriteDirectly(std::string_view bytes);

  std::string path_;
  std::FILE* file_ = nullptr;
  absl::Status status_;
  uint64_t written_ = 0;       // bytes written so far
  uint64_t written_back_ = 0;  // of those, asked to be written out
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_JSON_WRITER_H_
