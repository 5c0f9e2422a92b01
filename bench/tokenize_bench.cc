// Tokenizer throughput (MB/s) on seed-like English news text, and on the
// mojibake-damaged seed 003 through RepairMojibake.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/mojibake.h"
#include "text/tokenizer.h"

namespace {

// The seed articles whose names start with one of `prefixes` (read from
// $NEARDUP_SOURCE_ROOT/samples/news, else ./samples/news), concatenated and
// repeated to about 4 MiB so the loop is not dominated by call overhead.
std::string SeedCorpus(const std::vector<std::string>& prefixes) {
  const char* root = std::getenv("NEARDUP_SOURCE_ROOT");
  const std::filesystem::path dir =
      std::filesystem::path(root != nullptr ? root : ".") / "samples" / "news";
  std::string joined;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    for (const std::string& prefix : prefixes) {
      if (name.rfind(prefix, 0) != 0) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream content;
      content << in.rdbuf();
      joined += content.str();
      joined += '\n';
    }
  }
  if (joined.empty()) {
    joined =
        "U.S. Secretary of State Antony Blinken met Chinese President Xi "
        "Jinping in Beijing on Friday, the State Department said, as the two "
        "countries try to stabilise relations that have been strained over "
        "trade, Taiwan and the war in Ukraine. China’s foreign ministry "
        "said both sides should be partners, not rivals.\n";
  }
  std::string corpus;
  while (corpus.size() < (4u << 20)) corpus += joined;
  return corpus;
}

void BM_TokenizeEnglishNews(benchmark::State& state) {
  const std::string corpus = SeedCorpus({"000_", "001_", "002_", "004_"});
  const neardup::text::Tokenizer tokenizer;
  std::vector<neardup::text::Token> tokens;
  for (auto _ : state) {
    tokens.clear();
    tokenizer.Tokenize(corpus, &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(corpus.size()));
  state.counters["tokens"] = static_cast<double>(tokens.size());
}
BENCHMARK(BM_TokenizeEnglishNews)->Unit(benchmark::kMillisecond);

void BM_RepairMojibakeSeed003(benchmark::State& state) {
  const std::string corpus = SeedCorpus({"003_"});
  for (auto _ : state) {
    auto repair = neardup::text::RepairMojibake(corpus);
    benchmark::DoNotOptimize(repair.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(corpus.size()));
}
BENCHMARK(BM_RepairMojibakeSeed003)->Unit(benchmark::kMillisecond);

void BM_RepairMojibakeCleanNews(benchmark::State& state) {
  const std::string corpus = SeedCorpus({"000_", "001_", "002_", "004_"});
  for (auto _ : state) {
    auto repair = neardup::text::RepairMojibake(corpus);
    benchmark::DoNotOptimize(repair.detected);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(corpus.size()));
}
BENCHMARK(BM_RepairMojibakeCleanNews)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
