// Turns one JSONL line into a Record's fields.
#ifndef NEARDUP_IO_JSONL_LINE_PARSER_H_
#define NEARDUP_IO_JSONL_LINE_PARSER_H_

#include <string>
#include <string_view>

#include "neardup/document.h"
#include "neardup/options.h"
#include "simdjson.h"

namespace neardup::io {

// Parses JSONL lines with simdjson On-Demand, reusing its buffers across
// lines (no per-line allocation once warm). Not thread-safe: use one per
// thread.
class JsonlLineParser {
 public:
  explicit JsonlLineParser(const InputOptions& options);

  // Parses the line held in record->raw and fills record->{id, text, date,
  // source, url, text_token_begin, text_token_end, invalid_utf8_replaced,
  // rejection} from it. Other fields are left alone. Returns false when the
  // line has no usable id (absent or null); the caller then names the record
  // itself. When the line holds invalid UTF-8 it is repaired with U+FFFD
  // before parsing and `raw` becomes the repaired line (so the token range
  // and any rewritten line stay valid). A bad line sets `rejection`; it
  // never throws or aborts.
  bool Parse(Record* record);

  // Clears the fields Parse() fills, `raw` aside.
  static void ClearParsedFields(Record* record);

 private:
  // Parses `json` (padded to `capacity`); returns the simdjson error or a
  // neardup rejection text through record->rejection.
  simdjson::error_code ParseDocument(const char* json, size_t length,
                                     size_t capacity, Record* record,
                                     bool* has_id);
  simdjson::error_code Validate(simdjson::ondemand::value value, size_t depth);

  const InputOptions options_;
  size_t max_depth_;
  simdjson::ondemand::parser parser_;
  std::string repaired_;  // the line with invalid UTF-8 replaced
  bool depth_exceeded_ = false;
};

// Replaces `*text` with the string a JSON string token (quotes included, as
// Record::text_token_begin/end delimit it in `raw`) stands for: the same text
// JsonlLineParser::Parse gave when it read the token. Returns false, with
// `*text` empty, when `token` is not a well-formed JSON string. Thread-safe
// (one simdjson parser per thread).
bool DecodeJsonStringToken(std::string_view token, std::string* text);

}  // namespace neardup::io

#endif  // NEARDUP_IO_JSONL_LINE_PARSER_H_
