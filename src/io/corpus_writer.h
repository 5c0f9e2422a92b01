// Writes the cleaned corpus in each input's own format.
#ifndef NEARDUP_IO_CORPUS_WRITER_H_
#define NEARDUP_IO_CORPUS_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/compressed_output.h"
#include "neardup/document.h"

namespace neardup::io {

// Mirrors the inputs inside `corpus_dir` (created if missing):
//   a folder of .txt files named news/   -> corpus_dir/news/<id>
//   a JSONL file a.jsonl[.gz|.zst]       -> corpus_dir/a.jsonl[.gz|.zst],
//                                           compressed like the input (by
//                                           its magic bytes)
//   standard input "-"                   -> corpus_dir/stdin.jsonl
// Two inputs with the same name get "-2", "-3"... before the extension
// (".jsonl", ".jsonl.gz", ".jsonl.zst" or the last one). Every JSONL output
// file and folder exists after Open(), even if nothing is written to it.
// Not thread-safe: call Write() from one thread, in the order records should
// appear.
class CorpusWriter {
 public:
  static absl::StatusOr<CorpusWriter> Open(
      std::string corpus_dir, const std::vector<std::string>& inputs);

  CorpusWriter(CorpusWriter&&) noexcept;
  CorpusWriter& operator=(CorpusWriter&&) noexcept;
  ~CorpusWriter();

  // Writes one surviving record of input `input`.
  // kTextFile: the file <folder>/<id> holds `new_text` if given, else `raw`.
  // kJsonl: the line is `raw` with the bytes [text_token_begin,
  // text_token_end) replaced by `new_text` as a JSON string (when given;
  // every other byte is kept), then '\n'. Fails on a bad input index, a
  // format that does not match the input, a bad token range, an id that
  // would leave the folder, or a write error (naming the file).
  absl::Status Write(uint32_t input, RecordFormat format, std::string_view id,
                     std::string_view raw, size_t text_token_begin,
                     size_t text_token_end,
                     std::optional<std::string_view> new_text);

  // Finishes every output; the first error wins.
  absl::Status Close();

  // Where input `input` is written (a folder or a file), for reports.
  const std::string& OutputPath(uint32_t input) const;

 private:
  struct Target {
    std::string path;
    bool is_folder = false;
    std::unique_ptr<CompressedOutput> jsonl;  // when !is_folder
  };
  explicit CorpusWriter(std::vector<Target> targets);
  absl::Status WriteTextFile(const Target& target, std::string_view id,
                             std::string_view bytes);

  std::vector<Target> targets_;
  std::string line_;  // reused for rewritten JSONL lines
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_CORPUS_WRITER_H_
