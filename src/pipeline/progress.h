// A self-overwriting progress line on stderr, for runs on a terminal.
#ifndef NEARDUP_PIPELINE_PROGRESS_H_
#define NEARDUP_PIPELINE_PROGRESS_H_

#include <cstdint>
#include <cstdio>

namespace neardup::pipeline {

// ProgressLine: when enabled, Update() redraws one line on stderr with the
// records and bytes read so far and Finish() ends it; when disabled (not a
// terminal, --quiet, under cron) it prints nothing. Single-threaded.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  ~ProgressLine() { Finish(); }

  void Update(uint64_t records, uint64_t bytes) {
    if (!enabled_) return;
    std::fprintf(stderr, "\rneardup: read %llu records, %.1f MB",
                 static_cast<unsigned long long>(records), static_cast<double>(bytes) / 1e6);
    std::fflush(stderr);
    drawn_ = true;
  }

  void Finish() {
    if (drawn_) std::fputc('\n', stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_PROGRESS_H_
