#include "io/line_splitter.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/status/status.h"

namespace neardup::io {
namespace {

// A block small enough that the lines of one read are mostly split off, and
// copied out, by the thread that read them while they are in its core's
// cache: with 2 scanning threads, 1 MiB blocks made the scan 6 % slower
// (docs/PERFORMANCE.md, session 10). Longer lines grow it.
constexpr size_t kInitialCapacity = 256u << 10;

}  // namespace

LineSplitter::LineSplitter(std::unique_ptr<ByteSource> source,
                           size_t max_line_bytes)
    : source_(std::move(source)),
      max_line_bytes_(max_line_bytes),
      buffer_(new char[kInitialCapacity + kLinePadding]),
      capacity_(kInitialCapacity) {}

absl::Status LineSplitter::Fill() {
  if (end_ == capacity_) {
    if (begin_ > 0) {
      std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
      buffer_offset_ += begin_;
      end_ -= begin_;
      scan_ -= begin_;
      begin_ = 0;
    } else {
      const size_t grown = capacity_ * 2;
      std::unique_ptr<char[]> bigger(new char[grown + kLinePadding]);
      std::memcpy(bigger.get(), buffer_.get(), end_);
      buffer_ = std::move(bigger);
      capacity_ = grown;
    }
  }
  absl::StatusOr<size_t> got =
      source_->Read(buffer_.get() + end_, capacity_ - end_);
  if (!got.ok()) return got.status();
  if (*got == 0) eof_ = true;
  end_ += *got;
  return absl::OkStatus();
}

void LineSplitter::EmitLine(size_t begin, size_t end, Line* line) {
  if (end > begin && buffer_[end - 1] == '\r') --end;
  ++line_number_;
  line->number = line_number_;
  line->offset = buffer_offset_ + begin;
  if (end - begin > max_line_bytes_) {
    line->bytes = {};
    line->oversized_bytes = end - begin;
  } else {
    line->bytes = std::string_view(buffer_.get() + begin, end - begin);
    line->oversized_bytes = 0;
  }
}

absl::StatusOr<bool> LineSplitter::Next(Line* line) {
  for (;;) {
    if (discarding_) {
      const char* data = buffer_.get();
      const void* nl = std::memchr(data + begin_, '\n', end_ - begin_);
      if (nl != nullptr || eof_) {
        const size_t stop =
            nl ? static_cast<size_t>(static_cast<const char*>(nl) - data)
               : end_;
        discarded_ += stop - begin_;
        if (stop > begin_ && data[stop - 1] == '\r') --discarded_;
        begin_ = scan_ = nl ? stop + 1 : end_;
        discarding_ = false;
        ++line_number_;
        line->number = line_number_;
        line->offset = 0;
        line->bytes = {};
        line->oversized_bytes = discarded_;
        return true;
      }
      discarded_ += end_ - begin_;
      buffer_offset_ += end_;
      begin_ = scan_ = end_ = 0;
      if (absl::Status s = Fill(); !s.ok()) return s;
      continue;
    }
    const char* data = buffer_.get();
    const void* nl = std::memchr(data + scan_, '\n', end_ - scan_);
    if (nl != nullptr) {
      const size_t stop = static_cast<const char*>(nl) - data;
      EmitLine(begin_, stop, line);
      begin_ = scan_ = stop + 1;
      return true;
    }
    scan_ = end_;
    if (end_ - begin_ > max_line_bytes_ + 1) {  // +1: a '\r' may follow
      discarding_ = true;
      discarded_ = end_ - begin_;
      buffer_offset_ += end_;
      begin_ = scan_ = end_ = 0;
      continue;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      buffer_[end_] = '\n';  // inside the padding: a harmless terminator
      EmitLine(begin_, end_, line);
      begin_ = scan_ = end_;
      return true;
    }
    if (absl::Status s = Fill(); !s.ok()) return s;
  }
}

}  // namespace neardup::io
