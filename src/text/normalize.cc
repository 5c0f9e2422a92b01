#include "text/normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include "text/script_class.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace neardup::text {
namespace {

constexpr auto kOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
    UTF8PROC_IGNORE);

utf8proc_int32_t FoldPunctuation(utf8proc_int32_t cp, void* /*unused*/) {
  switch (cp) {
    case 0x2019: case 0x2018: case 0x201B: case 0x2032: case 0x02BC:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
      return '"';
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return '-';
    default:
      return cp;
  }
}

// Copies `word` to *out without in-word apostrophes, in-word format
// characters and ill-formed bytes.
void StripJoiners(std::string_view word, std::string* out) {
  out->clear();
  bool prev_is_word = false;
  size_t pos = 0;
  while (pos < word.size()) {
    char32_t cp;
    const size_t len = DecodeUtf8(word, pos, &cp);
    if (cp == kInvalidCodePoint) {
      pos += len;
      prev_is_word = false;
      continue;
    }
    const bool joiner = IsApostrophe(cp) || IsInWordIgnorable(cp);
    if (joiner && prev_is_word && pos + len < word.size()) {
      char32_t next;
      DecodeUtf8(word, pos + len, &next);
      const bool joins = next != kInvalidCodePoint &&
                         (IsApostrophe(cp) ? IsLetter(next) : IsWordChar(next));
      if (joins) {
        pos += len;
        continue;
      }
    }
    out->append(word.substr(pos, len));
    prev_is_word = IsWordChar(cp);
    pos += len;
  }
}

}  // namespace

void NormalizeInto(std::string_view word, std::string* out) {
  // ASCII letters and digits are their own NFKC form; case folding lowers them.
  if (std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0;
      })) {
    out->resize(word.size());
    std::transform(word.begin(), word.end(), out->begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return;
  }
  thread_local std::string stripped;
  thread_local std::vector<utf8proc_int32_t> code_points(64);
  StripJoiners(word, &stripped);
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(stripped.data());
  const auto size = static_cast<utf8proc_ssize_t>(stripped.size());
  utf8proc_ssize_t count = utf8proc_decompose_custom(
      bytes, size, code_points.data(),
      static_cast<utf8proc_ssize_t>(code_points.size()), kOptions,
      FoldPunctuation, nullptr);
  if (count > static_cast<utf8proc_ssize_t>(code_points.size())) {
    code_points.resize(static_cast<size_t>(count));
    count = utf8proc_decompose_custom(
        bytes, size, code_points.data(), count, kOptions, FoldPunctuation,
        nullptr);
  }
  if (count < 0) {  // cannot happen on the well-formed input StripJoiners made
    out->assign(stripped);
    return;
  }
  const utf8proc_ssize_t length =
      utf8proc_reencode(code_points.data(), count, kOptions);
  if (length < 0) {
    out->assign(stripped);
    return;
  }
  out->assign(reinterpret_cast<const char*>(code_points.data()),
              static_cast<size_t>(length));
}

std::string NormalizeWord(std::string_view word) {
  std::string out;
  NormalizeInto(word, &out);
  return out;
}

}  // namespace neardup::text
