// neardup: the record, as read from input and carried through the pipeline.
#ifndef NEARDUP_DOCUMENT_H_
#define NEARDUP_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace neardup {

// Where a record came from, so that every message can name it.
struct Origin {
  std::string file;   // path as given on the command line ("-" for stdin)
  uint64_t line = 0;  // 1-based line for JSONL records; 0 for a whole .txt file
};

// The shape an input (and so its cleaned copy) has.
enum class RecordFormat { kTextFile, kJsonl };

// One input record. A reader fills every field; a record that cannot be used
// carries a non-empty `rejection` and is reported, never dropped silently.
struct Record {
  uint64_t index = 0;  // 0-based position in input order, across all inputs
  uint32_t input = 0;  // which command-line input it came from
  std::string id;
  std::string text;    // valid UTF-8: invalid sequences were replaced by U+FFFD
  std::string date;    // as given; empty when absent
  std::string source;  // as given; empty when absent
  std::string url;     // as given; empty when absent
  Origin origin;
  RecordFormat format = RecordFormat::kTextFile;

  // kJsonl: the original line, byte for byte (without its newline; after
  // U+FFFD repair when it held invalid UTF-8), and the
  // byte range [text_token_begin, text_token_end) of the text field's JSON
  // string token (quotes included) inside it, so a cleaned text can be put
  // back without touching any other byte. kTextFile: `raw` is the file's
  // original bytes and the range is unused.
  std::string raw;
  size_t text_token_begin = 0;
  size_t text_token_end = 0;

  uint32_t invalid_utf8_replaced = 0;  // U+FFFD substitutions made when reading
  std::string rejection;               // non-empty: why the record is not used
};

}  // namespace neardup

#endif  // NEARDUP_DOCUMENT_H_
