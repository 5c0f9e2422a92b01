#include "io/record_reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "xxhash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/jsonl_reader.h"
#include "io/txt_folder_reader.h"

namespace neardup::io {
namespace {

enum class InputKind { kTxtFolder, kJsonl };

// Chains the per-input readers, numbers records across inputs, and rejects
// an otherwise accepted record whose id an earlier accepted record had.
class MultiInputReader : public RecordReader {
 public:
  MultiInputReader(std::vector<std::string> inputs,
                   std::vector<InputKind> kinds, const InputOptions& options)
      : inputs_(std::move(inputs)), kinds_(std::move(kinds)),
        options_(options) {}

  absl::StatusOr<bool> Next(Record* record) override {
    for (;;) {
      if (current_ == nullptr) {
        if (input_ == inputs_.size()) return false;
        if (kinds_[input_] == InputKind::kTxtFolder) {
          current_ = std::make_unique<TxtFolderReader>(inputs_[input_],
                                                       options_);
        } else {
          current_ = std::make_unique<JsonlReader>(inputs_[input_], options_);
        }
      }
      absl::StatusOr<bool> more = current_->Next(record);
      if (!more.ok()) return more;
      if (*more) break;
      current_.reset();
      ++input_;
    }
    record->index = next_index_++;
    record->input = static_cast<uint32_t>(input_);
    if (record->rejection.empty()) {
      const XXH128_hash_t hash =
          XXH3_128bits(record->id.data(), record->id.size());
      auto [it, inserted] = first_seen_.try_emplace(
          std::make_pair(hash.high64, hash.low64),
          FirstSeen{record->input, record->origin.line});
      if (!inserted) {
        record->rejection =
            absl::StrCat("duplicate id (first seen at ", Describe(it->second,
                                                                  record->id),
                         ")");
      }
    }
    return true;
  }

 private:
  struct FirstSeen {
    uint32_t input;
    uint64_t line;
  };

  std::string Describe(const FirstSeen& seen, const std::string& id) const {
    const std::string& path = inputs_[seen.input];
    if (kinds_[seen.input] == InputKind::kTxtFolder) {
      return path.empty() || path.back() == '/' ? path + id
                                                : absl::StrCat(path, "/", id);
    }
    return absl::StrCat(path, ":", seen.line);
  }

  std::vector<std::string> inputs_;
  std::vector<InputKind> kinds_;
  InputOptions options_;
  size_t input_ = 0;
  std::unique_ptr<RecordReader> current_;
  uint64_t next_index_ = 0;
  // Keyed by the id's 128-bit XXH3 hash (no heap per id; a false match is
  // as unlikely as a hardware fault).
  absl::flat_hash_map<std::pair<uint64_t, uint64_t>, FirstSeen> first_seen_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RecordReader>> OpenRecordReader(
    const std::vector<std::string>& inputs, const InputOptions& options) {
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
  return std::make_unique<MultiInputReader>(inputs, std::move(kinds), options);
}

}  // namespace neardup::io
