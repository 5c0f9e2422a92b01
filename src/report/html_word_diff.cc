#include "report/html_word_diff.h"

#include <algorithm>
#include <cstdint>

#include "absl/container/flat_hash_map.h"

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

// The longest-common-subsequence lengths of the suffixes of two word
// sequences, a (length n) and b (length m), given as word ids: Length(i, j)
// is that of a[i..n) and b[j..m). The table is kept as bit vectors, one row
// per suffix of a (bit-parallel LCS after Allison and Dix, and Hyyroe): row
// r, over the reversed words, has a 0 at bit k when the lengths of b's last
// k and k + 1 words with a's last r words differ. n * m / 64 word steps.
class SuffixLcs {
 public:
  SuffixLcs(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, uint32_t ids)
      : n_(a.size()), m_(b.size()), words_((b.size() + 63) / 64) {
    // masks[id]: the positions of b's reversed words that are `id`.
    std::vector<uint64_t> masks(static_cast<size_t>(ids) * words_, 0);
    for (size_t k = 0; k < m_; ++k) {
      masks[b[m_ - 1 - k] * words_ + k / 64] |= uint64_t{1} << (k % 64);
    }
    rows_.assign((a.size() + 1) * words_, ~uint64_t{0});
    for (size_t r = 0; r < a.size(); ++r) {
      const uint64_t* match = masks.data() + a[a.size() - 1 - r] * words_;
      const uint64_t* v = rows_.data() + r * words_;
      uint64_t* next = rows_.data() + (r + 1) * words_;
      uint64_t carry = 0;
      for (size_t w = 0; w < words_; ++w) {
        const uint64_t u = v[w] & match[w];
        const uint64_t sum = v[w] + u + carry;
        carry = (sum < v[w] || (carry != 0 && sum == v[w])) ? 1 : 0;
        next[w] = sum | (v[w] & ~u);
      }
    }
  }

  size_t Length(size_t i, size_t j) const {
    // Zeros among the first m - j bits of the row of a's last n - i words.
    const uint64_t* row = rows_.data() + (n_ - i) * words_;
    const size_t bits = m_ - j;
    size_t ones = 0;
    for (size_t w = 0; w < bits / 64; ++w) ones += static_cast<size_t>(__builtin_popcountll(row[w]));
    if (bits % 64 != 0) {
      ones += static_cast<size_t>(
          __builtin_popcountll(row[bits / 64] & ((uint64_t{1} << (bits % 64)) - 1)));
    }
    return bits - ones;
  }

 private:
  size_t n_;
  size_t m_;
  size_t words_;
  std::vector<uint64_t> rows_;
};

WordDiff DiffWords(std::string_view left, std::string_view right, size_t max_cells) {
  const std::vector<WordToken> a = SplitWords(left);
  const std::vector<WordToken> b = SplitWords(right);
  auto word = [](std::string_view text, const WordToken& t) {
    return text.substr(t.word_begin, t.word_end - t.word_begin);
  };
  auto same = [&](size_t i, size_t j) { return word(left, a[i]) == word(right, b[j]); };

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
    // The middles as word ids: equal ids, equal words.
    absl::flat_hash_map<std::string_view, uint32_t> ids;
    auto ids_of = [&](std::string_view text, const std::vector<WordToken>& tokens, size_t count) {
      std::vector<uint32_t> out(count);
      for (size_t k = 0; k < count; ++k) {
        const auto next = static_cast<uint32_t>(ids.size());
        out[k] = ids.try_emplace(word(text, tokens[prefix + k]), next).first->second;
      }
      return out;
    };
    const std::vector<uint32_t> a_ids = ids_of(left, a, n), b_ids = ids_of(right, b, m);
    const SuffixLcs lcs(a_ids, b_ids, static_cast<uint32_t>(ids.size()));
    // Matching words are taken; otherwise the side whose step keeps the
    // longer common subsequence moves on, the left one on a tie.
    size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a_ids[i] == b_ids[j]) {
        AddSpan(a, prefix + i, prefix + i + 1, true, &diff.left);
        AddSpan(b, prefix + j, prefix + j + 1, true, &diff.right);
        ++i;
        ++j;
      } else if (lcs.Length(i + 1, j) >= lcs.Length(i, j + 1)) {
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
