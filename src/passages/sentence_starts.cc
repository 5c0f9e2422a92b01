#include "passages/sentence_starts.h"

#include <algorithm>

namespace neardup::passages {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Length of a closing quote or bracket at `i` (0 if none).
size_t ClosingMarkLength(std::string_view text, size_t i) {
  const char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  const std::string_view rest = text.substr(i);
  for (std::string_view mark : {"\u201D", "\u2019", "\u00BB", "\u300D", "\u300F"}) {
    if (rest.substr(0, mark.size()) == mark) return mark.size();
  }
  return 0;
}

// Length of a CJK sentence end at `i` (0 if none).
size_t CjkEndLength(std::string_view text, size_t i) {
  const std::string_view rest = text.substr(i);
  for (std::string_view mark : {"\u3002", "\uFF01", "\uFF1F"}) {
    if (rest.substr(0, mark.size()) == mark) return mark.size();
  }
  return 0;
}

size_t SkipBlanks(std::string_view text, size_t i) {
  while (i < text.size() && IsBlank(text[i])) ++i;
  return i;
}

}  // namespace

std::vector<uint32_t> SentenceStarts(std::string_view text) {
  std::vector<uint32_t> starts = {0};
  auto add = [&](size_t at) {
    if (at < text.size()) starts.push_back(static_cast<uint32_t>(at));
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      add(SkipBlanks(text, i + 1));
    } else if (c == '.' || c == '!' || c == '?') {
      size_t j = i + 1;
      while (j < text.size()) {
        const size_t mark = ClosingMarkLength(text, j);
        if (mark == 0) break;
        j += mark;
      }
      if (j < text.size() && IsBlank(text[j])) {
        add(SkipBlanks(text, j));
      } else if (c == '.' && j == i + 1 && i > 0 && j < text.size() && IsAsciiLower(text[i - 1]) &&
                 IsAsciiUpper(text[j])) {
        add(j);
      }
    } else if (const size_t cjk = CjkEndLength(text, i); cjk > 0) {
      add(SkipBlanks(text, i + cjk));
    }
  }
  starts.push_back(static_cast<uint32_t>(text.size()));
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  return starts;
}

std::optional<uint32_t> NearestStart(const std::vector<uint32_t>& starts, uint32_t offset,
                                     uint32_t tolerance) {
  auto after = std::lower_bound(starts.begin(), starts.end(), offset);
  std::optional<uint32_t> best;
  uint32_t best_distance = tolerance + 1;
  if (after != starts.begin()) {
    const uint32_t before = *std::prev(after);
    if (offset - before < best_distance) {
      best = before;
      best_distance = offset - before;
    }
  }
  if (after != starts.end() && *after - offset < best_distance) best = *after;
  return best;
}

}  // namespace neardup::passages
