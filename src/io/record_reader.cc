#include "io/record_reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/id_registry.h"
#include "io/jsonl_reader.h"
#include "io/txt_folder_reader.h"

namespace neardup::io {
namespace {

enum class InputKind { kTxtFolder, kJsonl };

// Chains the per-input readers of a range of inputs, numbers records from 0
// across them, and (in Next) rejects an otherwise accepted record whose id an
// earlier accepted record of the range had.
class MultiInputReader : public RecordReader {
 public:
  MultiInputReader(std::vector<std::string> inputs,
                   std::vector<InputKind> kinds, const InputOptions& options,
                   InputRange range)
      : inputs_(std::move(inputs)), kinds_(std::move(kinds)),
        options_(options), input_(range.first), end_input_(range.last),
        ids_(inputs_), parser_(options_) {}

  std::optional<RawLocation> LastRawLocation() const override { return last_raw_; }

  absl::StatusOr<bool> Next(Record* record) override {
    last_raw_.reset();
    absl::StatusOr<bool> more = NextPending(&pending_);
    if (!more.ok() || !*more) return more;
    last_raw_ = parser_.Complete(&pending_);
    ids_.Admit(&pending_.record);
    std::swap(*record, pending_.record);  // the buffers go back and forth
    return true;
  }

  absl::StatusOr<bool> NextPending(PendingRecord* pending) override {
    for (;;) {
      if (current_ == nullptr) {
        if (input_ == end_input_) return false;
        if (kinds_[input_] == InputKind::kTxtFolder) {
          current_ = std::make_unique<TxtFolderReader>(inputs_[input_],
                                                       options_);
        } else {
          current_ = std::make_unique<JsonlReader>(inputs_[input_], options_);
        }
      }
      absl::StatusOr<bool> more = current_->NextPending(pending);
      if (!more.ok()) return more;
      if (*more) break;
      current_.reset();
      ++input_;
    }
    pending->record.index = next_index_++;
    pending->record.input = static_cast<uint32_t>(input_);
    return true;
  }

 private:
  std::vector<std::string> inputs_;
  std::vector<InputKind> kinds_;
  InputOptions options_;
  size_t input_ = 0;
  size_t end_input_ = 0;
  std::unique_ptr<PendingSource> current_;
  uint64_t next_index_ = 0;
  // For Next(): the ids seen, the parser, the record being completed, and
  // where the last one's raw bytes lie.
  IdRegistry ids_;
  RecordParser parser_;
  PendingRecord pending_;
  std::optional<RawLocation> last_raw_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RecordReader>> OpenRecordReader(
    const std::vector<std::string>& inputs, const InputOptions& options,
    std::optional<InputRange> range) {
  const InputRange read = range.value_or(InputRange{0, inputs.size()});
  if (read.first > read.last || read.last > inputs.size()) {
    return absl::InvalidArgumentError("input range out of bounds");
  }
  std::vector<InputKind> kinds;
  bool stdin_seen = false;
  for (const std::string& input : inputs) {
    if (input == "-") {
      if (stdin_seen) {
        return absl::InvalidArgumentError(
            "-: standard input is given twice; name it once");
      }
      stdin_seen = true;
      kinds.push_back(InputKind::kJsonl);
      continue;
    }
    struct stat st;
    if (stat(input.c_str(), &st) != 0) {
      return absl::NotFoundError(absl::StrCat(
          input, ": cannot open: ", std::strerror(errno),
          "; check the path (a folder of .txt files, a .jsonl[.gz|.zst] "
          "file, or - for stdin)"));
    }
    if (S_ISDIR(st.st_mode)) {
      kinds.push_back(InputKind::kTxtFolder);
      continue;
    }
    if (input.size() > 4 && input.compare(input.size() - 4, 4, ".txt") == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          input, ": a single .txt file is not an input; pass the folder "
          "that holds the .txt files"));
    }
    kinds.push_back(InputKind::kJsonl);
  }
  return std::make_unique<MultiInputReader>(inputs, std::move(kinds), options, read);
}

}  // namespace neardup::io
