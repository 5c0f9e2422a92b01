#include "io/corpus_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "io/json_writer.h"
#include "io/string_view_compat.h"
#include "io/write_all.h"

namespace neardup::io {
namespace {

namespace fs = std::filesystem;

// The last path component of an input ("." and "/" resolved).
std::string BaseName(const std::string& input) {
  std::error_code ec;
  fs::path path = fs::path(input).lexically_normal();
  if (path.has_filename() == false) path = path.parent_path();
  std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..") {
    name = fs::weakly_canonical(fs::path(input), ec).filename().string();
  }
  return name.empty() || name == "/" ? "input" : name;
}

// Splits "a.jsonl.gz" into "a" and ".jsonl.gz" (compound JSONL extensions
// kept whole, otherwise the last extension; folders have none).
std::pair<std::string, std::string> SplitExtension(const std::string& name,
                                                   bool is_folder) {
  if (is_folder) return {name, ""};
  for (std::string_view ext : {".jsonl.gz", ".jsonl.zst", ".jsonl"}) {
    if (name.size() > ext.size() &&
        name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
      return {name.substr(0, name.size() - ext.size()), std::string(ext)};
    }
  }
  const size_t dot = name.find_last_of('.');
  if (dot == std::string::npos || dot == 0) return {name, ""};
  return {name.substr(0, dot), name.substr(dot)};
}

// True when `id` names a file strictly inside its folder.
bool IsSafeRelativePath(std::string_view id) {
  if (id.empty() || id.front() == '/') return false;
  for (absl::string_view part : absl::StrSplit(Absl(id), '/')) {
    if (part.empty() || part == "." || part == "..") return false;
  }
  return id.find('\0') == std::string_view::npos;
}

absl::Status WriteError(const std::string& path, int error) {
  return absl::UnavailableError(absl::StrCat(
      "cannot write ", path, ": ", std::strerror(error),
      error == ENOSPC ? "; the disk is full: free some space and run again"
                      : "; check the disk and the folder's permissions"));
}

}  // namespace

CorpusWriter::CorpusWriter(std::vector<Target> targets)
    : targets_(std::move(targets)) {}
CorpusWriter::CorpusWriter(CorpusWriter&&) noexcept = default;
CorpusWriter& CorpusWriter::operator=(CorpusWriter&&) noexcept = default;
CorpusWriter::~CorpusWriter() = default;

absl::StatusOr<CorpusWriter> CorpusWriter::Open(
    std::string corpus_dir, const std::vector<std::string>& inputs) {
  std::error_code ec;
  fs::create_directories(corpus_dir, ec);
  if (ec) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot create ", corpus_dir, ": ", ec.message(),
        "; check that the output folder is writable"));
  }
  std::vector<Target> targets;
  absl::flat_hash_set<std::string> used;
  for (const std::string& input : inputs) {
    Target target;
    std::string name = "stdin.jsonl";
    Compression compression = Compression::kNone;
    if (input != "-") {
      struct stat st;
      target.is_folder = stat(input.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
      name = BaseName(input);
      if (!target.is_folder) compression = DetectFileCompression(input);
    }
    if (used.contains(name)) {
      auto [stem, ext] = SplitExtension(name, target.is_folder);
      for (int n = 2; used.contains(name); ++n) {
        name = absl::StrCat(stem, "-", n, ext);
      }
    }
    used.insert(name);
    target.path = absl::StrCat(corpus_dir, "/", name);
    if (target.is_folder) {
      if (mkdir(target.path.c_str(), 0777) != 0 && errno != EEXIST) {
        return absl::PermissionDeniedError(absl::StrCat(
            "cannot create ", target.path, ": ", std::strerror(errno),
            "; check that the output folder is writable"));
      }
    } else {
      absl::StatusOr<std::unique_ptr<CompressedOutput>> out =
          CompressedOutput::Create(target.path, compression);
      if (!out.ok()) return out.status();
      target.jsonl = *std::move(out);
    }
    targets.push_back(std::move(target));
  }
  return CorpusWriter(std::move(targets));
}

const std::string& CorpusWriter::OutputPath(uint32_t input) const {
  return targets_.at(input).path;
}

absl::Status CorpusWriter::WriteTextFile(const Target& target,
                                         std::string_view id,
                                         std::string_view bytes) {
  const std::string path = absl::StrCat(target.path, "/", Absl(id));
  const size_t slash = id.find_last_of('/');
  if (slash != std::string_view::npos) {
    std::error_code ec;
    fs::create_directories(
        absl::StrCat(target.path, "/", Absl(id.substr(0, slash))), ec);
    if (ec) return WriteError(path, ec.value());
  }
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return WriteError(path, errno);
  if (const int error = WriteAll(fd, bytes); error != 0) {
    close(fd);
    return WriteError(path, error);
  }
  if (close(fd) != 0) return WriteError(path, errno);
  return absl::OkStatus();
}

absl::Status CorpusWriter::Check(uint32_t input, RecordFormat format,
                                 std::string_view id) const {
  if (input >= targets_.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("corpus writer: no input number ", input));
  }
  const Target& target = targets_[input];
  if ((format == RecordFormat::kTextFile) != target.is_folder) {
    return absl::InvalidArgumentError(absl::StrCat(
        "corpus writer: record '", Absl(id), "' does not have the format of ",
        target.path));
  }
  if (target.is_folder && !IsSafeRelativePath(id)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "record id '", Absl(id), "' is not a relative path inside ", target.path));
  }
  return absl::OkStatus();
}

absl::Status CorpusChunk::Add(const CorpusWriter& writer, uint32_t input,
                              RecordFormat format, std::string_view id,
                              std::string_view raw, size_t text_token_begin,
                              size_t text_token_end,
                              std::optional<std::string_view> new_text) {
  if (absl::Status s = writer.Check(input, format, id); !s.ok()) return s;
  if (format == RecordFormat::kTextFile) {
    bytes_.append(new_text.value_or(raw));
    pieces_.push_back({input, bytes_.size(), std::string(id)});
    return absl::OkStatus();
  }
  if (!new_text.has_value()) {
    bytes_.append(raw);
  } else {
    if (text_token_begin > text_token_end || text_token_end > raw.size() ||
        text_token_end - text_token_begin < 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          "corpus writer: record '", Absl(id), "' has no valid text token range"));
    }
    bytes_.append(raw.substr(0, text_token_begin));
    AppendJsonString(*new_text, &bytes_);
    bytes_.append(raw.substr(text_token_end));
  }
  bytes_.push_back('\n');
  // Consecutive lines of one JSONL input make one piece.
  if (!pieces_.empty() && pieces_.back().input == input && pieces_.back().file_id.empty()) {
    pieces_.back().end = bytes_.size();
  } else {
    pieces_.push_back({input, bytes_.size(), {}});
  }
  return absl::OkStatus();
}

void CorpusChunk::Clear() {
  bytes_.clear();
  pieces_.clear();
}

absl::Status CorpusWriter::Write(uint32_t input, RecordFormat format,
                                 std::string_view id, std::string_view raw,
                                 size_t text_token_begin,
                                 size_t text_token_end,
                                 std::optional<std::string_view> new_text) {
  single_.Clear();
  if (absl::Status s = single_.Add(*this, input, format, id, raw, text_token_begin,
                                   text_token_end, new_text);
      !s.ok()) {
    return s;
  }
  return WriteChunk(single_);
}

absl::Status CorpusWriter::WriteChunk(const CorpusChunk& chunk) {
  const std::string_view bytes = chunk.bytes_;
  size_t begin = 0;
  for (const CorpusChunk::Piece& piece : chunk.pieces_) {
    const Target& target = targets_[piece.input];
    const std::string_view piece_bytes = bytes.substr(begin, piece.end - begin);
    begin = piece.end;
    absl::Status s = target.is_folder ? WriteTextFile(target, piece.file_id, piece_bytes)
                                      : target.jsonl->Write(piece_bytes);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CorpusWriter::Close() {
  absl::Status first;
  for (Target& target : targets_) {
    if (target.jsonl == nullptr) continue;
    absl::Status s = target.jsonl->Close();
    if (first.ok()) first = s;
  }
  return first;
}

}  // namespace neardup::io
