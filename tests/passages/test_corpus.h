// Shared helpers of the passages tests: in-memory texts, the seed articles,
// generated prose, and a token-level similarity of two slices.
#ifndef NEARDUP_TESTS_PASSAGES_TEST_CORPUS_H_
#define NEARDUP_TESTS_PASSAGES_TEST_CORPUS_H_

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "text/document_texts.h"
#include "text/tokenizer.h"

namespace neardup::passages::testing {

// DocumentTexts over strings held by the test; doc index = vector index.
class VectorTexts : public text::DocumentTexts {
 public:
  explicit VectorTexts(std::vector<std::string> texts) : texts_(std::move(texts)) {}
  std::string_view Text(uint64_t doc) const override { return texts_.at(doc); }
  size_t size() const { return texts_.size(); }

 private:
  std::vector<std::string> texts_;
};

inline std::vector<uint64_t> AllDocs(size_t n) {
  std::vector<uint64_t> docs(n);
  for (size_t i = 0; i < n; ++i) docs[i] = i;
  return docs;
}

// The five seed articles in file-name order; empty when the samples are absent.
inline std::vector<std::string> ReadSeeds() {
  const char* root = std::getenv("NEARDUP_SOURCE_ROOT");
  const std::filesystem::path dir =
      std::filesystem::path(root ? root : ".") / "samples" / "news";
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> texts;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
  }
  return texts;
}

// Prose of `words` random words from a 5000-word vocabulary, in sentences of
// 8 to 20 words, paragraphs of 3 to 6 sentences.
inline std::string GenerateProse(std::mt19937_64& rng, size_t words) {
  std::uniform_int_distribution<int> vocabulary(0, 4999), sentence_len(8, 20), paragraph_len(3, 6);
  std::string out;
  size_t written = 0;
  while (written < words) {
    const int sentences = paragraph_len(rng);
    for (int s = 0; s < sentences && written < words; ++s) {
      const int len = sentence_len(rng);
      for (int w = 0; w < len && written < words; ++w, ++written) {
        std::string word = "w" + std::to_string(vocabulary(rng));
        if (w == 0) word[0] = 'W';
        out += word;
        out += (w + 1 == len || written + 1 == words) ? ". " : " ";
      }
    }
    out += "\n\n";
  }
  return out;
}

inline std::vector<uint64_t> TokenHashes(std::string_view text) {
  std::vector<text::Token> tokens;
  text::Tokenizer().Tokenize(text, &tokens);
  std::vector<uint64_t> hashes;
  for (const auto& t : tokens) hashes.push_back(t.hash);
  return hashes;
}

// Tokens equal in the best alignment (longest common subsequence) of the two
// slices, over the longer slice's token count.
inline double AlignedEqualFraction(std::string_view a, std::string_view b) {
  const std::vector<uint64_t> x = TokenHashes(a), y = TokenHashes(b);
  if (x.empty() || y.empty()) return 0.0;
  std::vector<uint32_t> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[y.size()]) / static_cast<double>(std::max(x.size(), y.size()));
}

}  // namespace neardup::passages::testing

#endif  // NEARDUP_TESTS_PASSAGES_TEST_CORPUS_H_
