#include <catch2/catch.hpp>

#include <string>

#include "passages/passages.h"
#include "passages/sentence_starts.h"

namespace neardup::passages {
namespace {

uint32_t Find(std::string_view text, std::string_view what) {
  return static_cast<uint32_t>(text.find(what));
}

Passage Repeat(uint32_t begin, uint32_t end) {
  Passage p;
  p.begin = begin;
  p.end = end;
  p.first_doc = 1;  // another document
  return p;
}

TEST_CASE("sentence starts: line breaks, sentence ends, glued sentences") {
  const std::string text = "One two. Three \"four.\" Five\n\n  Six in Washington.Chinese seven U.S.-made";
  const auto starts = SentenceStarts(text);
  CHECK(std::count(starts.begin(), starts.end(), Find(text, "Three")) == 1);
  CHECK(std::count(starts.begin(), starts.end(), Find(text, "Five")) == 1);
  CHECK(std::count(starts.begin(), starts.end(), Find(text, "Six")) == 1);
  CHECK(std::count(starts.begin(), starts.end(), Find(text, "Chinese")) == 1);
  CHECK(std::count(starts.begin(), starts.end(), Find(text, "-made")) == 0);
  CHECK(starts.front() == 0);
  CHECK(starts.back() == text.size());
}

TEST_CASE("a repeated sentence is cut with its punctuation and trailing space") {
  const std::string text = "Alpha beta gamma delta. Repeated words here and there now. Omega psi chi.";
  // The repeat runs from "Repeated" to "now" (token offsets, no period).
  const uint32_t begin = Find(text, "Repeated");
  const uint32_t end = Find(text, "now") + 3;
  const auto cuts = CutRanges(text, std::vector<Passage>{Repeat(begin, end)}, PassageOptions{});
  REQUIRE(cuts.size() == 1);
  CHECK(ApplyCuts(text, cuts) == "Alpha beta gamma delta. Omega psi chi.");
}

TEST_CASE("a repeat that starts a word late or ends a word early snaps to the sentence") {
  const std::string text =
      "Intro sentence stays here. The repeated sentence has many words in it for sure. "
      "Outro stays too.";
  const uint32_t begin = Find(text, "repeated");
  const uint32_t end = Find(text, "for sure") + 3;
  const auto cuts = CutRanges(text, std::vector<Passage>{Repeat(begin, end)}, PassageOptions{});
  CHECK(ApplyCuts(text, cuts) == "Intro sentence stays here. Outro stays too.");
}

TEST_CASE("a repeat far from any boundary is cut at its words") {
  const std::string text =
      "Keep this long beginning of the sentence REPEATED PART OF IT which goes on after it for a long while.";
  const uint32_t begin = Find(text, "REPEATED");
  const uint32_t end = Find(text, " which");
  const auto cuts = CutRanges(text, std::vector<Passage>{Repeat(begin, end)}, PassageOptions{});
  CHECK(ApplyCuts(text, cuts) ==
        "Keep this long beginning of the sentence which goes on after it for a long while.");
}

TEST_CASE("a repeated last paragraph leaves no trailing blank lines") {
  const std::string text = "First paragraph here.\n\nSecond paragraph repeated.";
  const uint32_t begin = Find(text, "Second");
  const uint32_t end = static_cast<uint32_t>(text.size()) - 1;
  const auto cuts = CutRanges(text, std::vector<Passage>{Repeat(begin, end)}, PassageOptions{});
  CHECK(ApplyCuts(text, cuts) == "First paragraph here.");
}

TEST_CASE("a cut never reaches into the first occurrence in the same document") {
  // The first occurrence ends with "Ab", a sentence start just before the
  // repeat: snapping the cut's begin there would eat the first occurrence.
  const std::string text = "Go. one two three four five six. Ab one two three four five six. Ab";
  Passage p;
  p.within_document = true;
  p.first_begin = Find(text, "one");
  p.first_end = Find(text, ". Ab one") + 4;
  p.begin = p.first_end + 1;
  p.end = static_cast<uint32_t>(text.size());
  const auto cuts = CutRanges(text, std::vector<Passage>{p}, PassageOptions{});
  REQUIRE(cuts.size() == 1);
  CHECK(cuts[0].first >= p.first_end);
  CHECK(ApplyCuts(text, cuts) == "Go. one two three four five six. Ab");
}

TEST_CASE("boilerplate is kept when cut_boilerplate is off; cuts merge and clamp") {
  const std::string text = "Story sentence one. Footer text that repeats everywhere.";
  Passage p = Repeat(Find(text, "Footer"), static_cast<uint32_t>(text.size()) - 1);
  p.boilerplate = true;
  PassageOptions keep;
  keep.cut_boilerplate = false;
  CHECK(CutRanges(text, std::vector<Passage>{p}, keep).empty());
  CHECK(CutRanges(text, std::vector<Passage>{p}, PassageOptions{}).size() == 1);

  const std::vector<ByteRange> messy = {{10, 15}, {2, 4}, {12, 20}, {50, 9999}, {7, 7}};
  CHECK(ApplyCuts("0123456789abcdefghijklmnopqrstuvwxyz", messy) == "01456789klmnopqrstuvwxyz");
}

}  // namespace
}  // namespace neardup::passages
