// Cost per document of same-event grouping (GroupEvents), on 1 and 2 threads.
//
// The corpus is synthetic but news-shaped (fixed seed, 20,000-word
// vocabulary): documents come in stories of 4; each document takes 20
// sentences from its story's own 30 and 20 from a shared pool of 2,000, so
// candidate pairs, verification and grouping all do real work.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "events/events.h"
#include "text/document_texts.h"

namespace {

class Corpus : public neardup::text::DocumentTexts {
 public:
  explicit Corpus(size_t documents) {
    std::mt19937_64 random(7);
    std::vector<std::string> vocabulary;
    for (int w = 0; w < 20000; ++w) {
      std::string word;
      for (int c = 0; c < 4 + w % 6; ++c) word.push_back(static_cast<char>('a' + (w * 7 + c * 13) % 26));
      if (w % 5 == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
      vocabulary.push_back(word + std::to_string(w));
    }
    auto sentence = [&] {
      std::string out;
      for (int w = 0; w < 18; ++w) out += vocabulary[random() % vocabulary.size()] + ' ';
      return out + ". ";
    };
    std::vector<std::string> shared;
    for (int s = 0; s < 2000; ++s) shared.push_back(sentence());
    std::vector<std::string> story;
    for (size_t d = 0; d < documents; ++d) {
      if (d % 4 == 0) {
        story.clear();
        for (int s = 0; s < 30; ++s) story.push_back(sentence());
      }
      std::string text;
      for (int s = 0; s < 20; ++s) text += story[random() % story.size()];
      for (int s = 0; s < 20; ++s) text += shared[random() % shared.size()];
      texts_.push_back(text);
    }
  }
  std::string_view Text(uint64_t doc) const override { return texts_[doc]; }

 private:
  std::vector<std::string> texts_;
};

void BM_GroupEvents(benchmark::State& state) {
  const size_t documents = static_cast<size_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const Corpus corpus(documents);
  std::vector<neardup::events::EventDoc> docs;
  for (size_t d = 0; d < documents; ++d) docs.push_back({d, ""});
  const neardup::EventOptions options;
  for (auto _ : state) {
    auto groups = neardup::events::GroupEvents(docs, corpus, options, threads);
    benchmark::DoNotOptimize(groups);
  }
  state.SetItemsProcessed(state.iterations() * documents);
}
BENCHMARK(BM_GroupEvents)
    ->Args({1000, 1})
    ->Args({4000, 1})
    ->Args({4000, 2})
    ->ArgNames({"docs", "threads"})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
