// Sequential byte streams for the JSONL reader: a file or stdin, with gzip
// and zstd decompression chosen by the stream's magic bytes.
#ifndef NEARDUP_IO_BYTE_SOURCE_H_
#define NEARDUP_IO_BYTE_SOURCE_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace neardup::io {

// The compression a stream starts with (by magic bytes, not by name).
enum class Compression { kNone, kGzip, kZstd };

// A forward-only stream of (decompressed) bytes. Not thread-safe. An error
// Status names the file and says what to do; after an error, the source
// must not be read again.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes into `buffer`; returns how many, 0 at the
  // end of the stream. A truncated or corrupt compressed stream is an error.
  virtual absl::StatusOr<size_t> Read(char* buffer, size_t capacity) = 0;
  // A regular file read as is (not stdin, not decompressed): its open
  // descriptor, whose bytes are the stream's bytes at the same offsets, so
  // a reader can map it. -1 otherwise.
  virtual int PlainFileDescriptor() const { return -1; }
};

// Opens `path` ("-" = standard input, which is not closed) and wraps it in
// the decompressor its first bytes call for. Fails if it cannot be opened.
absl::StatusOr<std::unique_ptr<ByteSource>> OpenByteSource(
    const std::string& path);

// Returns the compression `path` starts with ("-" and unreadable files:
// kNone). Used by writers that mirror an input's compression.
Compression DetectFileCompression(const std::string& path);

}  // namespace neardup::io

#endif  // NEARDUP_IO_BYTE_SOURCE_H_
