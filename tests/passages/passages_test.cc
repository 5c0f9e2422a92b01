#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <random>
#include <string>

#include "passages/passage_finder.h"
#include "passages/passages.h"
#include "test_corpus.h"

namespace neardup::passages {
namespace {

using testing::AlignedEqualFraction;
using testing::AllDocs;
using testing::GenerateProse;
using testing::TokenHashes;
using testing::VectorTexts;

std::string_view Slice(const VectorTexts& texts, uint64_t doc, uint32_t begin, uint32_t end) {
  return texts.Text(doc).substr(begin, end - begin);
}

// Every reported range, sliced from the original, normalizes to nearly the
// same words as the range of the occurrence it repeats.
void CheckOffsets(const VectorTexts& texts, const std::vector<Passage>& passages) {
  for (const Passage& p : passages) {
    INFO("doc " << p.doc << " [" << p.begin << "," << p.end << ") first " << p.first_doc);
    REQUIRE(p.begin < p.end);
    REQUIRE(p.end <= texts.Text(p.doc).size());
    REQUIRE(p.first_end <= texts.Text(p.first_doc).size());
    CHECK((p.first_doc < p.doc || (p.first_doc == p.doc && p.first_begin < p.begin)));
    CHECK(p.within_document == (p.doc == p.first_doc));
    CHECK(TokenHashes(Slice(texts, p.doc, p.begin, p.end)).size() == p.words);
    CHECK(AlignedEqualFraction(Slice(texts, p.doc, p.begin, p.end),
                               Slice(texts, p.first_doc, p.first_begin, p.first_end)) >= 0.9);
  }
}

std::vector<Passage> Of(const std::vector<Passage>& all, uint64_t doc) {
  std::vector<Passage> out;
  for (const Passage& p : all) {
    if (p.doc == doc) out.push_back(p);
  }
  return out;
}

TEST_CASE("seed 000: the body written twice is one repeat, cut once") {
  const std::vector<std::string> seeds = testing::ReadSeeds();
  if (seeds.size() < 5) {
    WARN("samples/news absent: skipped");
    return;
  }
  const VectorTexts texts(seeds);
  const auto passages = FindPassages(AllDocs(texts.size()), texts, PassageOptions{}, 2);
  CheckOffsets(texts, passages);

  const std::string_view original = texts.Text(0);
  const std::vector<Passage> in000 = Of(passages, 0);
  REQUIRE(!in000.empty());
  CHECK(in000.size() <= 2);
  // The second copy is the paragraphs after the run-on first line.
  const size_t second_copy = original.find('\n') + 1;
  const size_t second_words = TokenHashes(original.substr(second_copy)).size();
  uint32_t covered = 0;
  for (const Passage& p : in000) {
    CHECK(p.within_document);
    CHECK(p.begin >= second_copy);
    covered += p.words;
  }
  CHECK(covered >= 0.95 * second_words);

  const std::string cleaned = ApplyCuts(original, CutRanges(original, in000, PassageOptions{}));
  const double ratio = static_cast<double>(TokenHashes(cleaned).size()) /
                       static_cast<double>(TokenHashes(original).size());
  CHECK(ratio > 0.45);
  CHECK(ratio < 0.55);
  // Every sentence of the body is still there: each paragraph of the second
  // copy appears, as words, in what is left.
  const std::vector<uint64_t> left = TokenHashes(cleaned);
  size_t line_begin = second_copy;
  while (line_begin < original.size()) {
    size_t line_end = original.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = original.size();
    const std::vector<uint64_t> paragraph = TokenHashes(original.substr(line_begin, line_end - line_begin));
    if (!paragraph.empty()) {
      INFO("paragraph at byte " << line_begin);
      CHECK(std::search(left.begin(), left.end(), paragraph.begin(), paragraph.end()) != left.end());
    }
    line_begin = line_end + 1;
  }

  // Everything found among the five seeds, printed for the record (the
  // cross-document ones must be real shared text: CheckOffsets above).
  for (const Passage& p : passages) {
    const std::string_view slice = Slice(texts, p.doc, p.begin, p.end);
    std::printf("seeds: %s doc %llu [%u,%u) repeats doc %llu [%u,%u), %u words%s: %.*s...\n",
                p.within_document ? "within" : "across", static_cast<unsigned long long>(p.doc),
                p.begin, p.end, static_cast<unsigned long long>(p.first_doc), p.first_begin,
                p.first_end, p.words, p.boilerplate ? ", boilerplate" : "",
                static_cast<int>(std::min<size_t>(slice.size(), 70)), slice.data());
  }
}

TEST_CASE("a 120-word paragraph repeated with one changed word is one passage") {
  std::mt19937_64 rng(11);
  const std::string paragraph = GenerateProse(rng, 120);
  std::string changed = paragraph;
  const std::vector<uint64_t> words = TokenHashes(paragraph);
  // Change the 60th word.
  size_t pos = 0;
  for (int w = 0; w < 60; ++w) pos = changed.find(' ', pos) + 1;
  changed.replace(pos, changed.find(' ', pos) - pos, "CHANGED");
  const std::string doc0 = GenerateProse(rng, 200) + paragraph + GenerateProse(rng, 150);
  const std::string doc1 = GenerateProse(rng, 80) + changed + GenerateProse(rng, 90);
  const VectorTexts texts({doc0, doc1});
  const auto passages = FindPassages(AllDocs(2), texts, PassageOptions{}, 1);
  REQUIRE(passages.size() == 1);
  const Passage& p = passages[0];
  CHECK(p.doc == 1);
  CHECK(p.first_doc == 0);
  CHECK(!p.within_document);
  CHECK(p.words >= 118);
  CHECK(p.words <= 122);
  CHECK(p.begin <= doc1.find(changed) + 1);
  CHECK(p.end + 2 >= doc1.find(changed) + changed.size() - 3);
  CheckOffsets(texts, passages);
}

TEST_CASE("a footer shared by 6 documents is boilerplate; a pair-shared passage is not") {
  std::mt19937_64 rng(5);
  const std::string footer =
      "\n\nThis story was produced by the Example Newsroom. Copyright 2024 Example Media Group, all "
      "rights reserved. This material may not be published, broadcast, rewritten or redistributed "
      "without permission. Sign up for our daily newsletter to get the top stories in your inbox "
      "every morning, and follow us on every social network you use today.\n";
  const std::string shared_quote = GenerateProse(rng, 60);
  std::vector<std::string> docs;
  for (int i = 0; i < 6; ++i) {
    std::string body = GenerateProse(rng, 150);
    if (i == 1 || i == 4) body += shared_quote + GenerateProse(rng, 50);
    docs.push_back(body + footer);
  }
  const VectorTexts texts(docs);
  const auto passages = FindPassages(AllDocs(docs.size()), texts, PassageOptions{}, 2);
  CheckOffsets(texts, passages);
  int footers = 0, quotes = 0;
  for (const Passage& p : passages) {
    const std::string_view slice = Slice(texts, p.doc, p.begin, p.end);
    if (slice.find("Example Newsroom") != std::string_view::npos) {
      ++footers;
      CHECK(p.boilerplate);
      CHECK(p.first_doc == 0);
    } else {
      ++quotes;
      CHECK(!p.boilerplate);
      CHECK(p.doc == 4);
      CHECK(p.first_doc == 1);
    }
  }
  CHECK(footers == 5);  // every document but the first
  CHECK(quotes == 1);

  PassageOptions keep;
  keep.cut_boilerplate = false;
  const std::string_view text5 = texts.Text(5);
  CHECK(ApplyCuts(text5, CutRanges(text5, Of(passages, 5), keep)) == text5);
  const std::string cut5 = ApplyCuts(text5, CutRanges(text5, Of(passages, 5), PassageOptions{}));
  // All of the footer goes, and only blanks besides.
  std::string body5(text5.substr(0, text5.size() - footer.size()));
  while (!body5.empty() && std::isspace(static_cast<unsigned char>(body5.back()))) body5.pop_back();
  CHECK(cut5 == body5);
}

TEST_CASE("results do not depend on threads or on the number of passes") {
  std::mt19937_64 rng(21);
  std::vector<std::string> docs;
  std::vector<std::string> pool;
  for (int i = 0; i < 12; ++i) pool.push_back(GenerateProse(rng, 70));
  for (int i = 0; i < 60; ++i) {
    std::string doc;
    for (int part = 0; part < 4; ++part) {
      doc += (rng() % 3 == 0) ? pool[rng() % pool.size()] : GenerateProse(rng, 60);
    }
    if (i % 7 == 0) doc += doc.substr(0, doc.size() / 3);  // an intra-document repeat
    docs.push_back(doc);
  }
  const VectorTexts texts(docs);
  const auto one = FindPassages(AllDocs(docs.size()), texts, PassageOptions{}, 1);
  const auto two = FindPassages(AllDocs(docs.size()), texts, PassageOptions{}, 2);
  REQUIRE(!one.empty());
  CHECK(one == two);
  CheckOffsets(texts, one);
  bool any_within = false, any_across = false;
  for (const Passage& p : one) (p.within_document ? any_within : any_across) = true;
  CHECK(any_within);
  CHECK(any_across);

  // Sorted by (doc, begin), disjoint within a document.
  for (size_t i = 1; i < one.size(); ++i) {
    CHECK((one[i - 1].doc < one[i].doc ||
           (one[i - 1].doc == one[i].doc && one[i - 1].end <= one[i].begin)));
  }

  // Forcing many hash-sliced passes changes nothing.
  class Source : public TokenSource {
   public:
    explicit Source(const VectorTexts& t) : t_(t) {}
    void Tokens(uint64_t doc, std::vector<text::Token>* tokens) const override {
      tokens->clear();
      text::Tokenizer().Tokenize(t_.Text(doc), tokens);
    }
    size_t TokenCountHint(uint64_t doc) const override { return t_.Text(doc).size() / 3 + 1; }

   private:
    const VectorTexts& t_;
  } source(texts);
  FinderLimits tiny;
  tiny.max_fingerprints_per_pass = 100;
  CHECK(FindPassagesInTokens(AllDocs(docs.size()), source, PassageOptions{}, 2, tiny) == one);

  // A subset of documents (indexes kept as given) finds only their passages.
  const std::vector<uint64_t> odd = {1, 3, 5, 7, 9, 11, 13};
  for (const Passage& p : FindPassages(odd, texts, PassageOptions{}, 2)) {
    CHECK(p.doc % 2 == 1);
    CHECK(p.first_doc % 2 == 1);
  }
}

TEST_CASE("degenerate input: empty, tiny, periodic documents") {
  std::string periodic;
  for (int i = 0; i < 2000; ++i) periodic += "again and ";
  const VectorTexts texts({"", "one two three", periodic, "\n\n  \t", periodic});
  PassageOptions options;
  options.min_words = 0;  // treated as the smallest supported length
  const auto passages = FindPassages(AllDocs(texts.size()), texts, options, 2);
  CheckOffsets(texts, passages);
  for (const Passage& p : passages) CHECK((p.doc == 2 || p.doc == 4));
  // The periodic document is cut down to (about) one period.
  const std::string_view text2 = texts.Text(2);
  const std::string cleaned = ApplyCuts(text2, CutRanges(text2, Of(passages, 2), options));
  CHECK(TokenHashes(cleaned).size() < 20);
}

}  // namespace
}  // namespace neardup::passages
