// A deterministic generator of news-like corpora with planted near-duplicates.
#ifndef NEARDUP_BENCH_CORPUS_GEN_H_
#define NEARDUP_BENCH_CORPUS_GEN_H_

#include <cstdint>
#include <string>
#include <vector>

namespace neardup::bench {

struct CorpusSpec {
  uint64_t seed = 42;
  size_t documents = 1000;          // originals, before planted copies
  size_t words_per_document = 550;  // about 3.5 KB of text
  double copy_fraction = 0.2;       // originals that get one near-copy
  double min_jaccard = 0.85;        // planted copies' target word 5-gram Jaccard
  double max_jaccard = 1.0;
  size_t vocabulary = 30000;
};

struct GeneratedDoc {
  std::string id;
  std::string text;
  std::string date;    // YYYY-MM-DD
  std::string source;
  int64_t original = -1;  // index of the document this one is a planted copy of
  double target_jaccard = 1.0;
};

// Generates spec.documents originals of Zipf-distributed synthetic words in
// sentences and paragraphs, then for a copy_fraction of them a copy with
// random word substitutions at the rate that gives a 5-gram Jaccard drawn
// uniformly from [min_jaccard, max_jaccard]. Copies are placed at random
// positions. Same spec, same bytes, on every platform (no std distributions).
std::vector<GeneratedDoc> GenerateCorpus(const CorpusSpec& spec);

// One JSON object per line: id, text, date, source (escaped by RapidJSON).
std::string ToJsonl(const std::vector<GeneratedDoc>& docs);

}  // namespace neardup::bench

#endif  // NEARDUP_BENCH_CORPUS_GEN_H_
