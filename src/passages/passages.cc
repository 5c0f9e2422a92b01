#include "passages/passages.h"

#include "passages/passage_finder.h"
#include "text/tokenizer.h"

namespace neardup::passages {
namespace {

// Tokens of documents read through DocumentTexts (thread-safe: both the
// texts and the stateless tokenizer are).
class TextTokenSource : public TokenSource {
 public:
  explicit TextTokenSource(const text::DocumentTexts& texts) : texts_(texts) {}

  void Tokens(uint64_t doc, std::vector<text::Token>* tokens) const override {
    tokens->clear();
    tokenizer_.Tokenize(texts_.Text(doc), tokens);
  }

  // An upper estimate: unspaced scripts give a token per character (three
  // UTF-8 bytes), spaced text far fewer.
  size_t TokenCountHint(uint64_t doc) const override { return texts_.Text(doc).size() / 3 + 1; }

 private:
  const text::DocumentTexts& texts_;
  text::Tokenizer tokenizer_;
};

}  // namespace

std::vector<Passage> FindPassages(absl::Span<const uint64_t> docs,
                                  const text::DocumentTexts& texts,
                                  const PassageOptions& options, int threads) {
  const TextTokenSource source(texts);
  return FindPassagesInTokens(docs, source, options, threads);
}

}  // namespace neardup::passages
