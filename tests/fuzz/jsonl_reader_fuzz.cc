// libFuzzer target: the JSONL reader and record parser, as the scan uses
// them, on an arbitrary byte stream (plain, gzip or zstd by magic bytes, as a
// file on disk would be). Every record must come out either rejected with a
// reason, or with valid UTF-8 text and a text token range that lies inside
// `raw` and is a JSON string token. A broken compressed stream must be an
// error Status, never a crash.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/jsonl_reader.h"
#include "text/utf8.h"

namespace {

// Small limits so that short fuzz inputs reach the oversized-line and
// too-deep paths.
neardup::InputOptions FuzzOptions() {
  neardup::InputOptions options;
  options.max_record_bytes = 512;
  options.max_json_depth = 8;
  return options;
}

void CheckRecord(const neardup::Record& r) {
  if (!r.rejection.empty()) return;
  if (!neardup::text::IsValidUtf8(r.text)) abort();
  if (r.text_token_end > r.raw.size() ||
      r.text_token_begin + 2 > r.text_token_end) {
    abort();
  }
  if (r.raw[r.text_token_begin] != '"' || r.raw[r.text_token_end - 1] != '"') {
    abort();
  }
  if (r.id.empty()) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = memfd_create("jsonl_fuzz", MFD_CLOEXEC);
  if (fd < 0) abort();
  size_t written = 0;
  while (written < size) {
    const ssize_t n = write(fd, data + written, size - written);
    if (n <= 0) abort();
    written += static_cast<size_t>(n);
  }
  static const neardup::InputOptions options = FuzzOptions();
  neardup::io::JsonlReader reader("/proc/self/fd/" + std::to_string(fd),
                                  options);
  static neardup::io::RecordParser parser(options);
  neardup::io::PendingRecord pending;
  uint64_t previous_line = 0;
  for (;;) {
    absl::StatusOr<bool> more = reader.NextPending(&pending);
    if (!more.ok()) {
      if (more.status().message().empty()) abort();
      break;
    }
    if (!*more) break;
    parser.Complete(&pending);
    if (pending.record.origin.line <= previous_line) abort();
    previous_line = pending.record.origin.line;
    CheckRecord(pending.record);
  }
  close(fd);
  return 0;
}
