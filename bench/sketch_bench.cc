// Throughput of the sketch stages on generated news-like documents (about
// 3.5 KB each, see corpus_gen.h): shingling, MinHash signing, the two together
// with tokenizing (what the first pass does per record), LSH banding and exact
// Jaccard verification. Bytes processed are the documents' text bytes, so the
// MB/s figures compare directly with end-to-end throughput.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench/corpus_gen.h"
#include "sketch/banding.h"
#include "sketch/lsh_params.h"
#include "sketch/minhash.h"
#include "sketch/shingles.h"
#include "text/tokenizer.h"

namespace {

using neardup::sketch::MinHasher;
using neardup::sketch::Shingler;
using neardup::text::Token;
using neardup::text::Tokenizer;

constexpr int kNumPerm = 128;

// A fixed corpus of 1,000 originals plus their planted copies, tokenized and
// shingled once and shared by every benchmark.
struct Fixture {
  std::vector<std::string> texts;
  std::vector<std::vector<Token>> tokens;
  std::vector<std::vector<uint64_t>> shingles;
  std::vector<neardup::bench::GeneratedDoc> docs;
  int64_t bytes = 0;
  int64_t shingle_count = 0;
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    neardup::bench::CorpusSpec spec;
    spec.documents = 1000;
    f->docs = neardup::bench::GenerateCorpus(spec);
    Shingler shingler(5, 3, neardup::SketchScheme::kFastSimilarity);
    for (const auto& doc : f->docs) {
      f->texts.push_back(doc.text);
      f->bytes += static_cast<int64_t>(doc.text.size());
      f->tokens.emplace_back();
      Tokenizer().Tokenize(doc.text, &f->tokens.back());
      f->shingles.emplace_back();
      shingler.Shingle(f->tokens.back(), &f->shingles.back());
      f->shingle_count += static_cast<int64_t>(f->shingles.back().size());
    }
    return f;
  }();
  return *fixture;
}

// The shingles in token order with repeats, as the first pass signs them.
void BM_Shingle(benchmark::State& state) {
  const Fixture& f = GetFixture();
  Shingler shingler(5, 3, neardup::SketchScheme::kFastSimilarity);
  std::vector<uint64_t> out;
  for (auto _ : state) {
    for (const auto& tokens : f.tokens) {
      shingler.Shingle(tokens, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * f.bytes);
}
BENCHMARK(BM_Shingle)->Unit(benchmark::kMillisecond);

// Argument 0: the fast similarity scheme (the default); 1: classic MinHash.
void BM_MinHashSign(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const MinHasher hasher(kNumPerm, 1, state.range(0) == 0 ? neardup::SketchScheme::kFastSimilarity
                                                         : neardup::SketchScheme::kClassic);
  std::vector<uint32_t> signature(kNumPerm);
  for (auto _ : state) {
    for (const auto& shingles : f.shingles) {
      hasher.Sign(shingles, signature.data());
      benchmark::DoNotOptimize(signature.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * f.bytes);
  state.counters["shingles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * f.shingle_count), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MinHashSign)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Tokenize + shingle + sign: the per-record work of the first pass, minus
// reading and mojibake detection (the first pass signs the unsorted shingles).
void BM_TokenizeShingleSign(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const MinHasher hasher(kNumPerm, 1, neardup::SketchScheme::kFastSimilarity);
  Shingler shingler(5, 3, neardup::SketchScheme::kFastSimilarity);
  std::vector<Token> tokens;
  std::vector<uint64_t> shingles;
  std::vector<uint32_t> signature(kNumPerm);
  for (auto _ : state) {
    for (const auto& text : f.texts) {
      tokens.clear();
      Tokenizer().Tokenize(text, &tokens);
      shingler.Shingle(tokens, &shingles);
      hasher.Sign(shingles, signature.data());
      benchmark::DoNotOptimize(signature.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * f.bytes);
}
BENCHMARK(BM_TokenizeShingleSign)->Unit(benchmark::kMillisecond);

// Banding of `state.range(0)` documents' band keys, read band-major as a
// scan spills them: the fixture's documents repeated,
// each repeat's shingles xored with its own salt so repeats are unrelated
// documents (only the planted copies inside one repeat are near-duplicates).
void BM_FindCandidates(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const MinHasher hasher(kNumPerm, 1, neardup::SketchScheme::kFastSimilarity);
  const size_t count = static_cast<size_t>(state.range(0));
  std::vector<uint32_t> signatures(count * kNumPerm);
  for (size_t d = 0; d < count; ++d) {
    const auto& shingles = f.shingles[d % f.shingles.size()];
    const uint64_t salt = (d / f.shingles.size()) * 0x9e3779b97f4a7c15ULL;
    std::vector<uint64_t> salted(shingles);
    for (uint64_t& s : salted) s ^= salt;
    hasher.Sign(salted, signatures.data() + d * kNumPerm);
  }
  const std::vector<bool> eligible(count, true);
  const auto bands_rows = neardup::sketch::ChooseBandsRows(0.5, kNumPerm);
  // Band-major keys, as a scan spills them (pipeline::BandKeyFile).
  const size_t bands = static_cast<size_t>(bands_rows.bands);
  std::vector<uint64_t> keys(bands * count), one(bands);
  for (size_t d = 0; d < count; ++d) {
    neardup::sketch::BandKeys(signatures.data() + d * kNumPerm, bands_rows, one.data());
    for (size_t b = 0; b < bands; ++b) keys[b * count + d] = one[b];
  }
  size_t pairs = 0;
  for (auto _ : state) {
    pairs = neardup::sketch::FindCandidates(
                static_cast<uint32_t>(count),
                [&](int band, uint32_t first, uint32_t n, uint64_t* out) {
                  std::copy_n(keys.data() + static_cast<size_t>(band) * count + first, n, out);
                },
                eligible, bands_rows, 1)
                .size();
    benchmark::DoNotOptimize(pairs);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(count));
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_FindCandidates)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// Exact Jaccard of each planted copy with its original (the pairs that
// verification mostly sees), and of unrelated neighbours.
void BM_ExactJaccard(benchmark::State& state) {
  const Fixture& f = GetFixture();
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i + 1 < f.shingles.size(); ++i) pairs.emplace_back(i, i + 1);
  double sum = 0;
  for (auto _ : state) {
    for (const auto& [a, b] : pairs) {
      sum += neardup::sketch::ExactJaccard(f.shingles[a], f.shingles[b]);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pairs.size()));
}
BENCHMARK(BM_ExactJaccard)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
