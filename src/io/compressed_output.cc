#include "io/compressed_output.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "io/json_writer.h"

namespace neardup::io {
namespace {

constexpr size_t kChunk = 1 << 18;

class PlainOutput : public CompressedOutput {
 public:
  explicit PlainOutput(LineFile file) : file_(std::move(file)) {}
  absl::Status Write(std::string_view bytes) override {
    return file_.Write(bytes);
  }
  absl::Status Close() override { return file_.Close(); }

 private:
  LineFile file_;
};

class GzipOutput : public CompressedOutput {
 public:
  explicit GzipOutput(LineFile file) : file_(std::move(file)), out_(kChunk) {
    std::memset(&z_, 0, sizeof(z_));
    init_ok_ = deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16,
                            8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipOutput() override {
    if (init_ok_) deflateEnd(&z_);
  }
  absl::Status Write(std::string_view bytes) override {
    return Deflate(bytes, Z_NO_FLUSH);
  }
  absl::Status Close() override {
    if (closed_) return status_;
    closed_ = true;
    absl::Status s = Deflate({}, Z_FINISH);
    absl::Status c = file_.Close();
    if (status_.ok()) status_ = s.ok() ? c : s;
    return status_;
  }

 private:
  absl::Status Deflate(std::string_view bytes, int flush) {
    if (!status_.ok()) return status_;
    if (!init_ok_) {
      return status_ = absl::InternalError(
                 absl::StrCat(file_.path(), ": zlib init failed"));
    }
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z_.avail_in = static_cast<uInt>(bytes.size());
    for (;;) {
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      const int rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) {
        return status_ = absl::InternalError(
                   absl::StrCat(file_.path(), ": gzip compression failed"));
      }
      const size_t produced = out_.size() - z_.avail_out;
      if (absl::Status s = file_.Write({out_.data(), produced}); !s.ok()) {
        return status_ = s;
      }
      if (flush == Z_FINISH ? rc == Z_STREAM_END
                            : (z_.avail_in == 0 && z_.avail_out != 0)) {
        return absl::OkStatus();
      }
    }
  }

  LineFile file_;
  std::vector<char> out_;
  z_stream z_;
  bool init_ok_ = false;
  bool closed_ = false;
  absl::Status status_;
};

class ZstdOutput : public CompressedOutput {
 public:
  explicit ZstdOutput(LineFile file)
      : file_(std::move(file)), out_(kChunk), cctx_(ZSTD_createCCtx()) {}
  ~ZstdOutput() override { ZSTD_freeCCtx(cctx_); }
  absl::Status Write(std::string_view bytes) override {
    return Compress(bytes, ZSTD_e_continue);
  }
  absl::Status Close() override {
    if (closed_) return status_;
    closed_ = true;
    absl::Status s = Compress({}, ZSTD_e_end);
    absl::Status c = file_.Close();
    if (status_.ok()) status_ = s.ok() ? c : s;
    return status_;
  }

 private:
  absl::Status Compress(std::string_view bytes, ZSTD_EndDirective mode) {
    if (!status_.ok()) return status_;
    if (cctx_ == nullptr) {
      return status_ = absl::ResourceExhaustedError(
                 absl::StrCat(file_.path(), ": out of memory for zstd"));
    }
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    for (;;) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      const size_t rc = ZSTD_compressStream2(cctx_, &out, &in, mode);
      if (ZSTD_isError(rc)) {
        return status_ = absl::InternalError(absl::StrCat(
                   file_.path(), ": zstd compression failed: ",
                   ZSTD_getErrorName(rc)));
      }
      if (absl::Status s = file_.Write({out_.data(), out.pos}); !s.ok()) {
        return status_ = s;
      }
      const bool done =
          mode == ZSTD_e_end ? rc == 0 : in.pos == in.size;
      if (done) return absl::OkStatus();
    }
  }

  LineFile file_;
  std::vector<char> out_;
  ZSTD_CCtx* cctx_;
  bool closed_ = false;
  absl::Status status_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<CompressedOutput>> CompressedOutput::Create(
    const std::string& path, Compression compression) {
  absl::StatusOr<LineFile> file = LineFile::Create(path);
  if (!file.ok()) return file.status();
  switch (compression) {
    case Compression::kGzip:
      return std::make_unique<GzipOutput>(*std::move(file));
    case Compression::kZstd:
      return std::make_unique<ZstdOutput>(*std::move(file));
    case Compression::kNone:
      break;
  }
  return std::make_unique<PlainOutput>(*std::move(file));
}

}  // namespace neardup::io
