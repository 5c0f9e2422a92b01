#include "report/html_word_diff.h"

#include <algorithm>
#include <cstdint>

#include "xxhash.h"

namespace neardup::report {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A word with the whitespace around it that it owns: bytes [begin, end), the
// word itself being [word_begin, word_end).
struct WordToken {
  size_t begin = 0;
  size_t word_begin = 0;
  size_t word_end = 0;
  size_t end = 0;
};

// The words of `text`; leading whitespace goes with the first word (or forms
// a token of its own when the text has no word).
std::vector<WordToken> SplitWords(std::string_view text) {
  std::vector<WordToken> tokens;
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  size_t start = 0;
  while (i < text.size()) {
    WordToken token;
    token.begin = start;
    token.word_begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    token.word_end = i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    token.end = i;
    tokens.push_back(token);
    start = i;
  }
  if (tokens.empty() && !text.empty()) tokens.push_back({0, 0, 0, text.size()});
  return tokens;
}

// Appends the tokens [from, to) of one side as one span, merging with the
// previous span when it has the same kind.
void AddSpan(const std::vector<WordToken>& tokens, size_t from, size_t to, bool shared,
             std::vector<DiffSpan>* spans) {
  if (from >= to) return;
  const size_t begin = tokens[from].begin;
  const size_t end = tokens[to - 1].end;
  if (!spans->empty() && spans->back().shared == shared && spans->back().end == begin) {
    spans->back().end = end;
  } else {
    spans->push_back({begin, end, shared});
  }
}

}  // namespace

WordDiff DiffWords(std::string_view left, std::string_view right, size_t max_cells) {
  const std::vector<WordToken> a = SplitWords(left);
  const std::vector<WordToken> b = SplitWords(right);
  auto word = [](std::string_view text, const WordToken& t) {
    return text.substr(t.word_begin, t.word_end - t.word_begin);
  };
  // Words are compared by hash first, and by their bytes only when the
  // hashes agree: the table below compares n * m pairs.
  auto hashes = [&](std::string_view text, const std::vector<WordToken>& tokens) {
    std::vector<uint64_t> out(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      const std::string_view w = word(text, tokens[i]);
      out[i] = XXH3_64bits(w.data(), w.size());
    }
    return out;
  };
  const std::vector<uint64_t> a_hashes = hashes(left, a), b_hashes = hashes(right, b);
  auto same = [&](size_t i, size_t j) {
    return a_hashes[i] == b_hashes[j] && word(left, a[i]) == word(right, b[j]);
  };

  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && same(prefix, prefix)) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         same(a.size() - 1 - suffix, b.size() - 1 - suffix)) {
    ++suffix;
  }
  const size_t n = a.size() - prefix - suffix;
  const size_t m = b.size() - prefix - suffix;

  WordDiff diff;
  AddSpan(a, 0, prefix, true, &diff.left);
  AddSpan(b, 0, prefix, true, &diff.right);
  if (n == 0 || m == 0 || (n + 1) > max_cells / (m + 1)) {
    diff.aligned = n == 0 || m == 0;
    AddSpan(a, prefix, prefix + n, false, &diff.left);
    AddSpan(b, prefix, prefix + m, false, &diff.right);
  } else {
    // lcs[i * (m + 1) + j]: common subsequence length of the middles from
    // word i (left) and word j (right) on. min(n, m)^2 <= n * m < 2^32, so
    // lengths fit in 16 bits. Every cell is written before it is read but
    // those of the last row and column, which are 0; the table is kept per
    // thread, so a report's many diffs do not each map a new one.
    thread_local std::vector<uint16_t> lcs;
    if (lcs.size() < (n + 1) * (m + 1)) lcs.resize((n + 1) * (m + 1));
    std::fill_n(lcs.begin() + n * (m + 1), m + 1, uint16_t{0});
    for (size_t i = 0; i < n; ++i) lcs[i * (m + 1) + m] = 0;
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        uint16_t& cell = lcs[i * (m + 1) + j];
        cell = same(prefix + i, prefix + j)
                   ? static_cast<uint16_t>(lcs[(i + 1) * (m + 1) + j + 1] + 1)
                   : std::max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (same(prefix + i, prefix + j)) {
        AddSpan(a, prefix + i, prefix + i + 1, true, &diff.left);
        AddSpan(b, prefix + j, prefix + j + 1, true, &diff.right);
        ++i;
        ++j;
      } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
        AddSpan(a, prefix + i, prefix + i + 1, false, &diff.left);
        ++i;
      } else {
        AddSpan(b, prefix + j, prefix + j + 1, false, &diff.right);
        ++j;
      }
    }
    AddSpan(a, prefix + i, prefix + n, false, &diff.left);
    AddSpan(b, prefix + j, prefix + m, false, &diff.right);
  }
  AddSpan(a, a.size() - suffix, a.size(), true, &diff.left);
  AddSpan(b, b.size() - suffix, b.size(), true, &diff.right);
  return diff;
}

}  // namespace neardup::report
