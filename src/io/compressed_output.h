// An output file written plain, gzip- or zstd-compressed.
#ifndef NEARDUP_IO_COMPRESSED_OUTPUT_H_
#define NEARDUP_IO_COMPRESSED_OUTPUT_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/byte_source.h"

namespace neardup::io {

// A sequential output file compressed as asked. Errors name the file; the
// first one sticks. Not thread-safe.
class CompressedOutput {
 public:
  virtual ~CompressedOutput() = default;
  // Creates or truncates `path`.
  static absl::StatusOr<std::unique_ptr<CompressedOutput>> Create(
      const std::string& path, Compression compression);

  virtual absl::Status Write(std::string_view bytes) = 0;
  // Ends the compressed stream and closes the file.
  virtual absl::Status Close() = 0;
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_COMPRESSED_OUTPUT_H_
