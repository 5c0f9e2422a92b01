#include "dist/input_share.h"

#include <filesystem>
#include <system_error>

namespace neardup::dist {
namespace {

// Bytes an input holds; 0 when it cannot be read (the reader reports that).
uint64_t InputBytes(const std::string& input) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(input, error)) {
    const uintmax_t size = fs::file_size(input, error);
    return error ? 0 : size;
  }
  uint64_t total = 0;
  for (fs::recursive_directory_iterator it(input, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() != ".txt") continue;
    const uintmax_t size = it->is_regular_file(error) ? it->file_size(error) : 0;
    if (!error) total += size;
    error.clear();
  }
  return total;
}

}  // namespace

absl::StatusOr<std::vector<io::InputRange>> ShareInputs(const std::vector<std::string>& inputs,
                                                        int ranks) {
  if (ranks > 1) {
    for (const std::string& input : inputs) {
      if (input == "-") {
        return absl::InvalidArgumentError(
            "-: standard input cannot be shared out among MPI ranks; save it to a .jsonl file "
            "and name that file instead");
      }
    }
  }
  std::vector<uint64_t> start(inputs.size() + 1, 0);  // bytes before input i
  for (size_t i = 0; i < inputs.size(); ++i) start[i + 1] = start[i] + InputBytes(inputs[i]);
  const uint64_t total = start.back();
  std::vector<io::InputRange> ranges(static_cast<size_t>(ranks));
  size_t next = 0;
  for (int r = 0; r < ranks; ++r) {
    ranges[r].first = next;
    if (r == ranks - 1) {
      next = inputs.size();
    } else {
      // This rank's share ends before the first input that starts at or past
      // its byte quota.
      const uint64_t quota = static_cast<uint64_t>(
          static_cast<long double>(total) * (r + 1) / ranks);
      while (next < inputs.size() && start[next] < quota) ++next;
    }
    ranges[r].last = next;
  }
  return ranges;
}

}  // namespace neardup::dist
