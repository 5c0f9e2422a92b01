// The report's building blocks: escaping, word diff, excerpts, charts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "report/html_charts.h"
#include "report/html_escape.h"
#include "report/html_excerpt.h"
#include "report/html_word_diff.h"

namespace neardup::report {
namespace {

// The text of the spans of one side of a diff, with shared spans in [..] and
// one-sided spans in {..}.
std::string Render(std::string_view text, const std::vector<DiffSpan>& spans) {
  std::string out;
  for (const DiffSpan& s : spans) {
    out += s.shared ? "[" : "{";
    out += text.substr(s.begin, s.end - s.begin);
    out += s.shared ? "]" : "}";
  }
  return out;
}

TEST_CASE("escaping makes markup and quotes inert") {
  CHECK(Escaped("<script>alert(\"x\" & 'y')</script>") ==
        "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  CHECK(Escaped("plain text, ünïcode") == "plain text, ünïcode");
}

TEST_CASE("UTF-8 cuts never split a character") {
  const std::string text = "ab\xE6\x9D\x8E" "cd";  // ab李cd
  CHECK(Shortened(text, 4) == "ab\u2026");
  CHECK(Shortened(text, 99) == text);
}

TEST_CASE("word diff marks changed, inserted and deleted words") {
  const std::string left = "the quick brown fox jumps over the lazy dog";
  const std::string right = "the quick red fox jumps over the very lazy dog";
  const WordDiff diff = DiffWords(left, right, 1 << 20);
  CHECK(diff.aligned);
  CHECK(Render(left, diff.left) == "[the quick ]{brown }[fox jumps over the lazy dog]");
  CHECK(Render(right, diff.right) == "[the quick ]{red }[fox jumps over the ]{very }[lazy dog]");
}

TEST_CASE("word diff covers both texts completely and ignores spacing") {
  const std::string left = "  one two\n\nthree  ";
  const std::string right = "one   two three";
  const WordDiff diff = DiffWords(left, right, 1 << 20);
  CHECK(Render(left, diff.left) == "[" + left + "]");
  CHECK(Render(right, diff.right) == "[" + right + "]");
  const WordDiff empty = DiffWords("", "new words", 1 << 20);
  CHECK(empty.left.empty());
  CHECK(Render("new words", empty.right) == "{new words}");
}

TEST_CASE("word diff gives up aligning beyond the cell cap but still covers the texts") {
  const std::string left = "same a b c d e f same";
  const std::string right = "same b c d e f g same";
  const WordDiff capped = DiffWords(left, right, 10);
  CHECK_FALSE(capped.aligned);
  CHECK(Render(left, capped.left) == "[same ]{a b c d e f }[same]");
  const WordDiff full = DiffWords(left, right, 1000);
  CHECK(full.aligned);
  CHECK(Render(left, full.left) == "[same ]{a }[b c d e f same]");
  CHECK(Render(right, full.right) == "[same b c d e f ]{g }[same]");
}

// The diff DiffWords defines, by a plain table of the longest common
// subsequences of word suffixes: after the common prefix and before the
// common suffix, a word pair that matches is taken, otherwise the side whose
// step keeps the longer subsequence moves on, the left one on a tie. Returns
// both sides rendered as PerWord renders them.
std::pair<std::string, std::string> ReferenceDiff(const std::vector<std::string>& a,
                                                  const std::vector<std::string>& b) {
  size_t prefix = 0, suffix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t n = a.size() - suffix, m = b.size() - suffix;  // the middles end here
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > prefix;) {
    for (size_t j = m; j-- > prefix;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string left, right;
  for (size_t k = 0; k < prefix; ++k) left += "[" + a[k] + "]", right += "[" + b[k] + "]";
  size_t i = prefix, j = prefix;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      left += "[" + a[i] + "]";
      right += "[" + b[j] + "]";
      ++i, ++j;
    } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      left += "{" + a[i++] + "}";
    } else {
      right += "{" + b[j++] + "}";
    }
  }
  for (size_t k = n; k < a.size(); ++k) left += "[" + a[k] + "]";
  for (size_t k = m; k < b.size(); ++k) right += "[" + b[k] + "]";
  return {left, right};
}

// One side of a diff of single-space-separated words as ReferenceDiff renders
// it: each word of a span in its brackets.
std::string PerWord(std::string_view text, const std::vector<DiffSpan>& spans) {
  std::string out;
  for (const DiffSpan& s : spans) {
    std::string_view span = text.substr(s.begin, s.end - s.begin);
    while (!span.empty()) {
      const size_t space = std::min(span.find(' '), span.size());
      out += s.shared ? "[" : "{";
      out += span.substr(0, space);
      out += s.shared ? "]" : "}";
      span.remove_prefix(std::min(space + 1, span.size()));
    }
  }
  return out;
}

TEST_CASE("word diff follows the longest common subsequence table, ties to the left") {
  std::mt19937 random(3);
  for (int round = 0; round < 400; ++round) {
    // Few distinct words make many equally long subsequences to choose from;
    // lengths cross 64-word boundaries.
    const int vocabulary = 2 + round % 6;
    auto words = [&](size_t count) {
      std::vector<std::string> out(count);
      for (std::string& w : out) w = std::string(1, static_cast<char>('a' + random() % vocabulary));
      return out;
    };
    const std::vector<std::string> a = words(random() % 150), b = words(random() % 150);
    auto join = [](const std::vector<std::string>& w) {
      std::string out;
      for (size_t i = 0; i < w.size(); ++i) out += (i > 0 ? " " : "") + w[i];
      return out;
    };
    const std::string left = join(a), right = join(b);
    const WordDiff diff = DiffWords(left, right, 1 << 20);
    const auto [want_left, want_right] = ReferenceDiff(a, b);
    INFO(left << " | " << right);
    CHECK(PerWord(left, diff.left) == want_left);
    CHECK(PerWord(right, diff.right) == want_right);
  }
}

TEST_CASE("excerpts wrap highlights, keep context and elide the rest") {
  std::string text(1000, 'x');
  text.replace(500, 10, "<b>HERE</b");  // 10 bytes of markup-like text
  std::string out;
  AppendExcerpt(text, {{500, 510, "<mark class=\"passage\">", "</mark>"}}, 20, 1000, &out);
  CHECK(out.find("<mark class=\"passage\">&lt;b&gt;HERE&lt;/b</mark>") != std::string::npos);
  CHECK(out.find("[\u2026 480 bytes \u2026]") != std::string::npos);  // before: 500 - 20
  CHECK(out.find("[\u2026 470 bytes \u2026]") != std::string::npos);  // after: 490 - 20
  CHECK(out.find("<b>") == std::string::npos);
}

TEST_CASE("excerpts shorten long highlights in their middle and clip overlaps") {
  const std::string text(5000, 'y');
  std::string out;
  AppendExcerpt(text, {{0, 5000, "<mark>", "</mark>"}, {10, 20, "<mark class=\"x\">", "</mark>"}},
                10, 1000, &out);
  CHECK(out.find("<mark class=\"x\">") == std::string::npos);
  CHECK(out == "<mark>" + std::string(500, 'y') + ElidedMarker(4000) + std::string(500, 'y') +
                   "</mark>");
}

TEST_CASE("the S-curve follows the candidate probability") {
  const std::string svg = SCurveSvg({20, 5}, 0.5);
  CHECK(svg.rfind("<svg", 0) == 0);
  CHECK(svg.find("20 bands x 5 rows") != std::string::npos);
  // J = 0 plots at the bottom (y = 162.0) and J = 1 at the top (y = 12.0).
  CHECK(svg.find("points=\"44.0,162.0 ") != std::string::npos);
  CHECK(svg.find(" 344.0,12.0\"") != std::string::npos);
}

TEST_CASE("bar charts escape labels and carry counts") {
  const std::vector<Bar> bars = {{"<a>", 3}, {"b", 0}};
  const std::string svg = BarChartSvg(bars, "t\"itle");
  CHECK(svg.find("data-label=\"&lt;a&gt;\" data-count=\"3\"") != std::string::npos);
  CHECK(svg.find("data-count=\"0\"") != std::string::npos);
  CHECK(svg.find("<a>") == std::string::npos);
  CHECK(svg.find("t&quot;itle") != std::string::npos);
}

}  // namespace
}  // namespace neardup::report
