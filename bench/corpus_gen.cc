#include "bench/corpus_gen.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "src/util/split_mix.h"

namespace neardup::bench {
namespace {

// SplitMix64: small, fast and the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() { return util::SplitMix64(&state_); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  size_t Below(size_t n) { return static_cast<size_t>(Uniform() * static_cast<double>(n)); }

 private:
  uint64_t state_;
};

std::vector<std::string> MakeVocabulary(Rng& rng, size_t size) {
  static constexpr char kConsonants[] = "bcdfghjklmnprstvwz";
  static constexpr char kVowels[] = "aeiou";
  std::vector<std::string> words;
  words.reserve(size);
  for (size_t i = 0; i < size; ++i) {
    std::string word;
    const size_t syllables = 1 + rng.Below(3);
    for (size_t s = 0; s < syllables; ++s) {
      word += kConsonants[rng.Below(sizeof(kConsonants) - 1)];
      word += kVowels[rng.Below(sizeof(kVowels) - 1)];
    }
    word += std::to_string(i % 97);  // keeps words distinct
    words.push_back(std::move(word));
  }
  return words;
}

// Zipf-like rank sampling by inverting a continuous power law (s = 1.1).
size_t ZipfRank(Rng& rng, size_t n) {
  const double u = rng.Uniform();
  const double rank = std::pow(static_cast<double>(n), u);  // log-uniform ~ Zipf(1)
  return std::min(n - 1, static_cast<size_t>(rank) - 1);
}

std::vector<size_t> RandomWords(Rng& rng, size_t count, size_t vocabulary) {
  std::vector<size_t> words(count);
  for (size_t& w : words) w = ZipfRank(rng, vocabulary);
  return words;
}

std::string Render(const std::vector<size_t>& words, const std::vector<std::string>& vocabulary,
                   uint64_t layout_seed) {
  Rng rng(layout_seed);
  std::string text;
  size_t sentence = 0, paragraph = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string word = vocabulary[words[i]];
    if (sentence == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
    text += word;
    ++sentence;
    if (sentence >= 8 + rng.Below(14) || i + 1 == words.size()) {
      text += '.';
      sentence = 0;
      ++paragraph;
      if (paragraph >= 4 && i + 1 < words.size()) {
        text += '\n';
        paragraph = 0;
        continue;
      }
    }
    if (i + 1 < words.size()) text += ' ';
  }
  return text;
}

}  // namespace

std::vector<GeneratedDoc> GenerateCorpus(const CorpusSpec& spec) {
  Rng rng(spec.seed);
  const std::vector<std::string> vocabulary = MakeVocabulary(rng, spec.vocabulary);
  static constexpr const char* kSources[] = {"wire", "daily", "herald", "post", "times"};
  std::vector<GeneratedDoc> originals;
  std::vector<std::vector<size_t>> original_words;
  for (size_t d = 0; d < spec.documents; ++d) {
    const size_t length = spec.words_per_document / 2 + rng.Below(spec.words_per_document);
    original_words.push_back(RandomWords(rng, length, spec.vocabulary));
    GeneratedDoc doc;
    doc.id = absl::StrFormat("doc-%07d", d);
    doc.text = Render(original_words.back(), vocabulary, rng.Next());
    doc.date = absl::StrFormat("2026-%02d-%02d", 1 + rng.Below(12), 1 + rng.Below(28));
    doc.source = kSources[rng.Below(5)];
    originals.push_back(std::move(doc));
  }
  std::vector<std::pair<size_t, GeneratedDoc>> copies;  // (position among originals, copy)
  for (size_t d = 0; d < spec.documents; ++d) {
    if (rng.Uniform() >= spec.copy_fraction) continue;
    const double jaccard =
        spec.min_jaccard + (spec.max_jaccard - spec.min_jaccard) * rng.Uniform();
    // A substitution rate p keeps a fraction s = (1-p)^5 of 5-grams, and
    // J = s / (2 - s); so s = 2J / (1 + J).
    const double kept_shingles = 2 * jaccard / (1 + jaccard);
    const double rate = 1 - std::pow(kept_shingles, 1.0 / 5);
    std::vector<size_t> words = original_words[d];
    for (size_t& w : words) {
      if (rng.Uniform() < rate) w = ZipfRank(rng, spec.vocabulary);
    }
    GeneratedDoc copy;
    copy.id = absl::StrFormat("doc-%07d-copy", d);
    copy.text = Render(words, vocabulary, rng.Next());
    copy.date = originals[d].date;
    copy.source = kSources[rng.Below(5)];
    copy.original = static_cast<int64_t>(d);
    copy.target_jaccard = jaccard;
    copies.emplace_back(rng.Below(spec.documents + 1), std::move(copy));
  }
  std::stable_sort(copies.begin(), copies.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<GeneratedDoc> corpus;
  corpus.reserve(originals.size() + copies.size());
  size_t next_copy = 0;
  for (size_t d = 0; d <= originals.size(); ++d) {
    while (next_copy < copies.size() && copies[next_copy].first == d) {
      corpus.push_back(std::move(copies[next_copy++].second));
    }
    if (d < originals.size()) corpus.push_back(std::move(originals[d]));
  }
  return corpus;
}

std::string ToJsonl(const std::vector<GeneratedDoc>& docs) {
  std::string out;
  rapidjson::StringBuffer buffer;
  for (const GeneratedDoc& doc : docs) {
    buffer.Clear();
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    writer.Key("id");
    writer.String(doc.id.c_str());
    writer.Key("text");
    writer.String(doc.text.c_str());
    writer.Key("date");
    writer.String(doc.date.c_str());
    writer.Key("source");
    writer.String(doc.source.c_str());
    writer.EndObject();
    out.append(buffer.GetString(), buffer.GetSize());
    out += '\n';
  }
  return out;
}

}  // namespace neardup::bench
