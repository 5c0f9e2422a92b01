// Throughput of the repeated-passage search (FindPassages) and of cutting,
// on generated prose where a third of the documents quote a shared pool of
// paragraphs and every tenth repeats part of itself. Reports bytes/s.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "neardup/options.h"
#include "passages/passages.h"
#include "text/document_texts.h"

namespace {

class Corpus : public neardup::text::DocumentTexts {
 public:
  Corpus(size_t docs, size_t words_per_doc) {
    std::mt19937_64 rng(42);
    std::vector<std::string> pool;
    for (int i = 0; i < 50; ++i) pool.push_back(Prose(rng, 80));
    for (size_t d = 0; d < docs; ++d) {
      std::string text = Prose(rng, words_per_doc);
      if (d % 3 == 0) text += pool[rng() % pool.size()];
      if (d % 10 == 0) text += text.substr(0, text.size() / 4);
      bytes_ += text.size();
      texts_.push_back(std::move(text));
    }
  }
  std::string_view Text(uint64_t doc) const override { return texts_[doc]; }
  size_t size() const { return texts_.size(); }
  size_t bytes() const { return bytes_; }

 private:
  static std::string Prose(std::mt19937_64& rng, size_t words) {
    std::uniform_int_distribution<int> vocabulary(0, 19999);
    std::string out;
    for (size_t w = 0; w < words; ++w) {
      out += "w" + std::to_string(vocabulary(rng));
      out += (w % 15 == 14) ? ". " : " ";
    }
    return out + "\n";
  }
  std::vector<std::string> texts_;
  size_t bytes_ = 0;
};

void BM_FindPassages(benchmark::State& state) {
  const Corpus corpus(static_cast<size_t>(state.range(0)), 400);
  std::vector<uint64_t> docs(corpus.size());
  for (size_t i = 0; i < docs.size(); ++i) docs[i] = i;
  const int threads = static_cast<int>(state.range(1));
  size_t found = 0;
  for (auto _ : state) {
    const auto passages = neardup::passages::FindPassages(docs, corpus, neardup::PassageOptions{}, threads);
    found = passages.size();
    benchmark::DoNotOptimize(passages.data());
  }
  state.counters["passages"] = static_cast<double>(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes()));
}
BENCHMARK(BM_FindPassages)->Args({2000, 1})->Args({2000, 2})->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_CutAndApply(benchmark::State& state) {
  const Corpus corpus(200, 400);
  std::vector<uint64_t> docs(corpus.size());
  for (size_t i = 0; i < docs.size(); ++i) docs[i] = i;
  const auto passages = neardup::passages::FindPassages(docs, corpus, neardup::PassageOptions{}, 1);
  for (auto _ : state) {
    size_t begin = 0;
    for (uint64_t doc = 0; doc < corpus.size(); ++doc) {
      size_t end = begin;
      while (end < passages.size() && passages[end].doc == doc) ++end;
      const std::string_view text = corpus.Text(doc);
      const auto cuts = neardup::passages::CutRanges(
          text, absl::MakeConstSpan(passages).subspan(begin, end - begin), neardup::PassageOptions{});
      benchmark::DoNotOptimize(neardup::passages::ApplyCuts(text, cuts));
      begin = end;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes()));
}
BENCHMARK(BM_CutAndApply)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
