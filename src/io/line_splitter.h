// Splits a byte stream into lines in large blocks, with bounded memory.
#ifndef NEARDUP_IO_LINE_SPLITTER_H_
#define NEARDUP_IO_LINE_SPLITTER_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "io/byte_source.h"

namespace neardup::io {

// One line of the stream.
struct Line {
  // The line's bytes without "\n" or "\r\n". Valid until the next call to
  // Next(); at least kLinePadding readable bytes follow it in memory (so a
  // padding-hungry parser may read past the end). Empty when oversized.
  std::string_view bytes;
  uint64_t number = 0;         // 1-based line number
  uint64_t offset = 0;         // of its first byte in the stream (0 when oversized)
  size_t oversized_bytes = 0;  // > 0: the line had this many bytes, more than
                               // the limit, and was skipped without keeping it
};

// Bytes readable after every Line::bytes (simdjson's padding requirement).
inline constexpr size_t kLinePadding = 64;

// Replaces `*buffer` with `bytes`, leaving room for `padding` more bytes. A
// buffer that must grow grows to a power of two, so that one reused for
// records of varying sizes is reallocated only a few times.
inline void AssignReusing(std::string* buffer, std::string_view bytes, size_t padding = 0) {
  const size_t needed = bytes.size() + padding;
  if (buffer->capacity() < needed) buffer->reserve(std::bit_ceil(needed));
  buffer->assign(bytes);
}

// Reads `source` in large blocks and hands out lines in order. A line longer
// than `max_line_bytes` is skipped while streaming (memory stays within about
// twice the limit) and reported through Line::oversized_bytes. A final line
// without "\n" is still a line. Not thread-safe.
class LineSplitter {
 public:
  LineSplitter(std::unique_ptr<ByteSource> source, size_t max_line_bytes);

  // Fills `line` and returns true, false at the end of the stream, or the
  // source's error.
  absl::StatusOr<bool> Next(Line* line);

 private:
  absl::Status Fill();  // reads more bytes after end_, making room if needed
  void EmitLine(size_t begin, size_t end, Line* line);

  std::unique_ptr<ByteSource> source_;
  size_t max_line_bytes_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_;      // usable bytes; kLinePadding more are allocated
  size_t begin_ = 0;     // start of the current (unfinished) line
  size_t scan_ = 0;      // bytes before this hold no '\n' after begin_
  size_t end_ = 0;       // end of valid data
  uint64_t buffer_offset_ = 0;  // stream offset of buffer_[0]
  bool eof_ = false;
  bool discarding_ = false;  // inside an oversized line
  size_t discarded_ = 0;     // bytes of it seen so far
  uint64_t line_number_ = 0;
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_LINE_SPLITTER_H_
