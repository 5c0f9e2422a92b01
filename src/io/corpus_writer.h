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

class CorpusWriter;

// Surviving records formatted for a CorpusWriter ahead of writing, in the
// order they were added, so that several threads can each format a chunk
// while one thread writes finished chunks in order (CorpusWriter::
// WriteChunk). Holds copies of the bytes; one per thread, not thread-safe.
class CorpusChunk {
 public:
  // Formats one record as CorpusWriter::Write would write it, with the same
  // arguments and checks (against `writer`'s inputs); nothing is written.
  absl::Status Add(const CorpusWriter& writer, uint32_t input, RecordFormat format,
                   std::string_view id, std::string_view raw, size_t text_token_begin,
                   size_t text_token_end, std::optional<std::string_view> new_text);
  // Empties the chunk, keeping its buffers.
  void Clear();
  bool empty() const { return pieces_.empty(); }

 private:
  friend class CorpusWriter;
  // Bytes [previous piece's end, end) of bytes_ go to input `input`: one
  // file named `file_id` (never empty) of a folder input, else a run of
  // JSONL lines.
  struct Piece {
    uint32_t input = 0;
    size_t end = 0;
    std::string file_id;  // folder inputs only
  };

  std::string bytes_;
  std::vector<Piece> pieces_;
};

// Mirrors the inputs inside `corpus_dir` (created if missing):
//   a folder of .txt files named news/   -> corpus_dir/news/<id>
//   a JSONL file a.jsonl[.gz|.zst]       -> corpus_dir/a.jsonl[.gz|.zst],
//                                           compressed like the input (by
//                                           its magic bytes)
//   standard input "-"                   -> corpus_dir/stdin.jsonl
// Two inputs with the same name get "-2", "-3"... before the extension
// (".jsonl", ".jsonl.gz", ".jsonl.zst" or the last one). Every JSONL output
// file and folder exists after Open(), even if nothing is written to it.
// Not thread-safe: call Write() and WriteChunk() from one thread at a time,
// in the order records should appear (CorpusChunk::Add may run on other
// threads meanwhile).
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

  // Writes the records of `chunk`, in order, as Write() would have; stops
  // at the first write error.
  absl::Status WriteChunk(const CorpusChunk& chunk);

  // Finishes every output; the first error wins.
  absl::Status Close();

  // Where input `input` is written (a folder or a file), for reports.
  const std::string& OutputPath(uint32_t input) const;

 private:
  friend class CorpusChunk;
  struct Target {
    std::string path;
    bool is_folder = false;
    std::unique_ptr<CompressedOutput> jsonl;  // when !is_folder
  };
  explicit CorpusWriter(std::vector<Target> targets);
  // The checks of Write() that need no writing.
  absl::Status Check(uint32_t input, RecordFormat format, std::string_view id) const;
  absl::Status WriteTextFile(const Target& target, std::string_view id,
                             std::string_view bytes);

  std::vector<Target> targets_;
  CorpusChunk single_;  // Write()'s one record
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_CORPUS_WRITER_H_
