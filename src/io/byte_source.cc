#include "io/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/string_view_compat.h"

namespace neardup::io {
namespace {

constexpr size_t kCompressedChunk = 1 << 18;

Compression CompressionOf(const unsigned char* p, size_t n) {
  if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) return Compression::kGzip;
  if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

// Reads a file descriptor; the first bytes may have been peeked already and
// are returned first. Closes the descriptor when `owned` (not for stdin).
class FdSource : public ByteSource {
 public:
  FdSource(std::string name, int fd, bool owned)
      : name_(std::move(name)), fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) close(fd_);
  }

  // Reads up to `n` bytes ahead for magic detection; they stay unread.
  absl::StatusOr<std::string_view> Peek(size_t n) {
    while (peeked_.size() < n) {
      char tmp[16];
      const size_t want = std::min(sizeof(tmp), n - peeked_.size());
      absl::StatusOr<size_t> got = ReadFd(tmp, want);
      if (!got.ok()) return got.status();
      if (*got == 0) break;
      peeked_.append(tmp, *got);
    }
    return std::string_view(peeked_);
  }

  int PlainFileDescriptor() const override {
    struct stat st;
    return owned_ && ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) ? fd_ : -1;
  }

  absl::StatusOr<size_t> Read(char* buffer, size_t capacity) override {
    if (peek_pos_ < peeked_.size()) {
      const size_t n = std::min(capacity, peeked_.size() - peek_pos_);
      std::memcpy(buffer, peeked_.data() + peek_pos_, n);
      peek_pos_ += n;
      return n;
    }
    return ReadFd(buffer, capacity);
  }

 private:
  absl::StatusOr<size_t> ReadFd(char* buffer, size_t capacity) {
    for (;;) {
      const ssize_t n = ::read(fd_, buffer, capacity);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno == EINTR) continue;
      return absl::UnavailableError(absl::StrCat(
          name_, ": read failed: ", std::strerror(errno),
          "; check that the file is readable and the disk is healthy"));
    }
  }

  std::string name_;
  int fd_;
  bool owned_;
  std::string peeked_;
  size_t peek_pos_ = 0;
};

absl::Status CorruptStream(const std::string& name, std::string_view format,
                           std::string_view what) {
  return absl::UnavailableError(absl::StrCat(
      name, ": broken ", Absl(format), " stream (", Absl(what),
      "); the file is damaged or truncated: re-download or re-compress it"));
}

// Inflates a gzip stream (concatenated members allowed).
class GzipSource : public ByteSource {
 public:
  GzipSource(std::string name, std::unique_ptr<ByteSource> in)
      : name_(std::move(name)), in_(std::move(in)), chunk_(kCompressedChunk) {
    std::memset(&z_, 0, sizeof(z_));
    init_ok_ = inflateInit2(&z_, 15 + 16) == Z_OK;
  }
  ~GzipSource() override {
    if (init_ok_) inflateEnd(&z_);
  }

  absl::StatusOr<size_t> Read(char* buffer, size_t capacity) override {
    if (!init_ok_) return CorruptStream(name_, "gzip", "zlib init failed");
    z_.next_out = reinterpret_cast<Bytef*>(buffer);
    const uInt capacity_out =
        static_cast<uInt>(std::min<size_t>(capacity, 1u << 30));
    z_.avail_out = capacity_out;
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0 && !input_eof_) {
        absl::StatusOr<size_t> got = in_->Read(chunk_.data(), chunk_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          input_eof_ = true;
        } else {
          z_.next_in = reinterpret_cast<Bytef*>(chunk_.data());
          z_.avail_in = static_cast<uInt>(*got);
        }
      }
      const bool drained = z_.avail_in == 0 && input_eof_;
      if (drained && !in_member_) break;
      if (!in_member_) {  // a new member begins
        if (inflateReset(&z_) != Z_OK) {
          return CorruptStream(name_, "gzip", "zlib reset failed");
        }
        in_member_ = true;
      }
      const uInt out_before = z_.avail_out;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        // Return this member's tail; the next call starts the next member.
        if (z_.avail_out < capacity_out) break;
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return CorruptStream(name_, "gzip", z_.msg ? z_.msg : "inflate error");
      }
      if (drained && z_.avail_out == out_before) {
        return CorruptStream(name_, "gzip", "unexpected end of data");
      }
    }
    return capacity_out - z_.avail_out;
  }

 private:
  std::string name_;
  std::unique_ptr<ByteSource> in_;
  std::vector<char> chunk_;
  z_stream z_;
  bool init_ok_ = false;
  bool input_eof_ = false;
  bool in_member_ = false;
};

// Decompresses a zstd stream (concatenated frames allowed).
class ZstdSource : public ByteSource {
 public:
  ZstdSource(std::string name, std::unique_ptr<ByteSource> in)
      : name_(std::move(name)),
        in_(std::move(in)),
        chunk_(kCompressedChunk),
        dctx_(ZSTD_createDCtx()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }

  absl::StatusOr<size_t> Read(char* buffer, size_t capacity) override {
    if (dctx_ == nullptr) return CorruptStream(name_, "zstd", "out of memory");
    ZSTD_outBuffer out{buffer, capacity, 0};
    while (out.pos < out.size) {
      if (in_buf_.pos == in_buf_.size && !input_eof_) {
        absl::StatusOr<size_t> got = in_->Read(chunk_.data(), chunk_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          input_eof_ = true;
        } else {
          in_buf_ = ZSTD_inBuffer{chunk_.data(), *got, 0};
        }
      }
      const bool drained = in_buf_.pos == in_buf_.size && input_eof_;
      if (drained && !frame_open_) break;
      const size_t before = out.pos;
      const size_t rc = ZSTD_decompressStream(dctx_, &out, &in_buf_);
      if (ZSTD_isError(rc)) {
        return CorruptStream(name_, "zstd", ZSTD_getErrorName(rc));
      }
      frame_open_ = rc != 0;
      if (drained && out.pos == before) {
        if (frame_open_) {
          return CorruptStream(name_, "zstd", "unexpected end of data");
        }
        break;
      }
    }
    return out.pos;
  }

 private:
  std::string name_;
  std::unique_ptr<ByteSource> in_;
  std::vector<char> chunk_;
  ZSTD_DCtx* dctx_;
  ZSTD_inBuffer in_buf_{nullptr, 0, 0};
  bool input_eof_ = false;
  bool frame_open_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ByteSource>> OpenByteSource(
    const std::string& path) {
  int fd = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return absl::NotFoundError(absl::StrCat(
          path, ": cannot open: ", std::strerror(errno),
          "; check the path and its permissions"));
    }
  }
  auto raw = std::make_unique<FdSource>(path, fd, /*owned=*/path != "-");
  absl::StatusOr<std::string_view> head = raw->Peek(4);
  if (!head.ok()) return head.status();
  const auto* p = reinterpret_cast<const unsigned char*>(head->data());
  switch (CompressionOf(p, head->size())) {
    case Compression::kGzip:
      return std::make_unique<GzipSource>(path, std::move(raw));
    case Compression::kZstd:
      return std::make_unique<ZstdSource>(path, std::move(raw));
    case Compression::kNone:
      break;
  }
  return raw;
}

Compression DetectFileCompression(const std::string& path) {
  if (path == "-") return Compression::kNone;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Compression::kNone;
  unsigned char head[4];
  const ssize_t n = ::read(fd, head, sizeof(head));
  close(fd);
  return n > 0 ? CompressionOf(head, static_cast<size_t>(n))
               : Compression::kNone;
}

}  // namespace neardup::io
