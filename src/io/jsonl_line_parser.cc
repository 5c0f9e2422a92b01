#include "io/jsonl_line_parser.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/string_view_compat.h"
#include "io/line_splitter.h"
#include "text/utf8.h"

namespace neardup::io {
namespace {

using simdjson::SUCCESS;
using simdjson::error_code;
using simdjson::ondemand::json_type;

// Deepest nesting checked, whatever the options say: the check recurses.
constexpr size_t kDepthCeiling = 1024;

// A string token without the whitespace simdjson keeps after it.
std::string_view TrimToken(std::string_view token) {
  while (!token.empty() &&
         (token.back() == ' ' || token.back() == '\t' ||
          token.back() == '\n' || token.back() == '\r')) {
    token.remove_suffix(1);
  }
  return token;
}

}  // namespace

JsonlLineParser::JsonlLineParser(const InputOptions& options)
    : options_(options),
      max_depth_(std::min(options.max_json_depth, kDepthCeiling)) {}

error_code JsonlLineParser::Validate(simdjson::ondemand::value value,
                                     size_t depth) {
  json_type type;
  if (error_code e = value.type().get(type)) return e;
  switch (type) {
    case json_type::object: {
      if (depth > max_depth_) {
        depth_exceeded_ = true;
        return simdjson::DEPTH_ERROR;
      }
      simdjson::ondemand::object object;
      if (error_code e = value.get_object().get(object)) return e;
      for (auto field_result : object) {
        simdjson::ondemand::field field;
        if (error_code e = std::move(field_result).get(field)) return e;
        std::string_view key;
        if (error_code e = field.unescaped_key().get(key)) return e;
        if (error_code e = Validate(field.value(), depth + 1)) return e;
      }
      return SUCCESS;
    }
    case json_type::array: {
      if (depth > max_depth_) {
        depth_exceeded_ = true;
        return simdjson::DEPTH_ERROR;
      }
      simdjson::ondemand::array array;
      if (error_code e = value.get_array().get(array)) return e;
      for (auto element : array) {
        simdjson::ondemand::value child;
        if (error_code e = std::move(element).get(child)) return e;
        if (error_code e = Validate(child, depth + 1)) return e;
      }
      return SUCCESS;
    }
    case json_type::string:
      return value.get_string().error();
    case json_type::number:
      return value.get_double().error();
    case json_type::boolean:
      return value.get_bool().error();
    case json_type::null: {
      bool is_null = false;
      if (error_code e = value.is_null().get(is_null)) return e;
      return is_null ? SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

error_code JsonlLineParser::ParseDocument(const char* json, size_t length,
                                          size_t capacity, Record* record,
                                          bool* has_id) {
  simdjson::ondemand::document doc;
  if (error_code e = parser_.iterate(json, length, capacity).get(doc)) {
    return e;
  }
  json_type root_type;
  if (error_code e = doc.type().get(root_type)) return e;
  if (root_type != json_type::object) {
    record->rejection = "malformed JSON: the line is not a JSON object";
    return simdjson::INCORRECT_TYPE;
  }
  if (max_depth_ < 1) {
    depth_exceeded_ = true;
    return simdjson::DEPTH_ERROR;
  }
  simdjson::ondemand::object object;
  if (error_code e = doc.get_object().get(object)) return e;
  bool has_text = false;
  std::string_view text_problem;
  std::string_view id_problem;
  for (auto field_result : object) {
    simdjson::ondemand::field field;
    if (error_code e = std::move(field_result).get(field)) return e;
    std::string_view key;
    if (error_code e = field.unescaped_key().get(key)) return e;
    simdjson::ondemand::value value = field.value();
    json_type type;
    if (error_code e = value.type().get(type)) return e;

    std::string* scalar_target = nullptr;  // a string-or-number field
    bool is_id = false;
    if (key == options_.text_field) {
      if (type != json_type::string) {
        text_problem = "is not a string";
        if (error_code e = Validate(value, 2)) return e;
        continue;
      }
      std::string_view token = value.raw_json_token();
      std::string_view text;
      if (error_code e = value.get_string().get(text)) return e;
      AssignReusing(&record->text, text);
      token = TrimToken(token);
      record->text_token_begin = static_cast<size_t>(token.data() - json);
      record->text_token_end = record->text_token_begin + token.size();
      has_text = true;
      text_problem = {};
      continue;
    } else if (key == options_.id_field) {
      scalar_target = &record->id;
      is_id = true;
    } else if (key == options_.date_field) {
      scalar_target = &record->date;
    } else if (key == options_.source_field) {
      scalar_target = &record->source;
    } else if (key == options_.url_field) {
      scalar_target = &record->url;
    }
    if (scalar_target == nullptr) {
      if (error_code e = Validate(value, 2)) return e;
      continue;
    }
    if (type == json_type::string) {
      std::string_view s;
      if (error_code e = value.get_string().get(s)) return e;
      scalar_target->assign(s);
      if (is_id) *has_id = true, id_problem = {};
    } else if (type == json_type::number) {
      const std::string_view token = value.raw_json_token();
      if (error_code e = value.get_double().error()) return e;
      scalar_target->assign(TrimToken(token));
      if (is_id) *has_id = true, id_problem = {};
    } else {
      if (error_code e = Validate(value, 2)) return e;
      scalar_target->clear();
      if (is_id) {
        *has_id = false;
        if (type != json_type::null) id_problem = "is not a string or number";
      }
    }
  }
  if (doc.current_location().error() == SUCCESS) {
    record->rejection = "malformed JSON: more content after the object";
    return simdjson::TAPE_ERROR;
  }
  if (!id_problem.empty()) {
    record->rejection =
        absl::StrCat("id field '", options_.id_field, "' ", Absl(id_problem));
  } else if (!text_problem.empty()) {
    record->rejection =
        absl::StrCat("text field '", options_.text_field, "' ",
                     Absl(text_problem));
  } else if (!has_text) {
    record->rejection =
        absl::StrCat("missing text field '", options_.text_field, "'");
  }
  return SUCCESS;
}

void JsonlLineParser::ClearParsedFields(Record* record) {
  record->id.clear();
  record->text.clear();
  record->date.clear();
  record->source.clear();
  record->url.clear();
  record->text_token_begin = record->text_token_end = 0;
  record->invalid_utf8_replaced = 0;
  record->rejection.clear();
}

bool JsonlLineParser::Parse(Record* record) {
  ClearParsedFields(record);
  depth_exceeded_ = false;
  bool has_id = false;
  // Padded in place for the parser (which reads past the end), then cut back.
  std::string& line = record->raw;
  const size_t length = line.size();
  line.append(kLinePadding, ' ');
  error_code e = ParseDocument(line.data(), length, line.size(), record, &has_id);
  line.resize(length);
  if (e == simdjson::UTF8_ERROR) {
    ClearParsedFields(record);
    repaired_ = text::RepairUtf8(line, &record->invalid_utf8_replaced);
    const size_t repaired_length = repaired_.size();
    repaired_.append(kLinePadding, ' ');
    has_id = false;
    e = ParseDocument(repaired_.data(), repaired_length, repaired_.size(), record, &has_id);
    line.assign(repaired_.data(), repaired_length);
  }
  if (e != SUCCESS) {
    if (depth_exceeded_) {
      record->rejection = absl::StrCat(
          "JSON nested deeper than ", max_depth_,
          " levels; raise --max-json-depth (at most ", kDepthCeiling, ")");
    } else if (record->rejection.empty()) {
      record->rejection =
          absl::StrCat("malformed JSON: ", simdjson::error_message(e));
    }
    record->text.clear();
    record->text_token_begin = record->text_token_end = 0;
  }
  return has_id;
}

bool DecodeJsonStringToken(std::string_view token, std::string* text) {
  text->clear();
  thread_local simdjson::ondemand::parser parser;
  thread_local std::string padded;
  padded.assign(token);
  padded.append(kLinePadding, ' ');
  simdjson::ondemand::document doc;
  std::string_view decoded;
  if (parser.iterate(padded.data(), token.size(), padded.size()).get(doc) != SUCCESS ||
      doc.get_string().get(decoded) != SUCCESS) {
    return false;
  }
  text->assign(decoded);
  return true;
}

}  // namespace neardup::io
