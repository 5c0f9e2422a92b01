// Throughput of the cluster stage: union-find over random edges and
// VerifyCandidates + BuildClusters over a synthetic candidate list.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "cluster/clustering.h"
#include "cluster/union_find.h"

namespace {

using neardup::cluster::Edge;
using neardup::cluster::UnionFind;

// Deterministic edges: `count` slots, one edge per slot to a nearby slot
// (clusters of news copies are small and mostly local).
std::vector<Edge> MakeEdges(uint32_t count) {
  std::vector<Edge> edges;
  uint64_t state = 12345;
  for (uint32_t a = 0; a + 1 < count; ++a) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    if ((state >> 60) >= 4) continue;  // a quarter of slots have a copy
    const uint32_t b = a + 1 + static_cast<uint32_t>((state >> 20) % 1000);
    if (b < count) edges.push_back({a, b, 0.9});
  }
  return edges;
}

void BM_UnionFind(benchmark::State& state) {
  const uint32_t count = static_cast<uint32_t>(state.range(0));
  const std::vector<Edge> edges = MakeEdges(count);
  for (auto _ : state) {
    UnionFind sets(count);
    for (const Edge& e : edges) sets.Union(e.a, e.b);
    uint64_t roots = 0;
    for (uint32_t s = 0; s < count; ++s) roots += sets.Find(s) == s;
    benchmark::DoNotOptimize(roots);
  }
  state.SetItemsProcessed(state.iterations() * count);
}
BENCHMARK(BM_UnionFind)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_BuildClusters(benchmark::State& state) {
  const uint32_t count = static_cast<uint32_t>(state.range(0));
  const std::vector<Edge> edges = MakeEdges(count);
  std::vector<neardup::cluster::SurvivorFacts> facts(count);
  for (uint32_t s = 0; s < count; ++s) facts[s].text_bytes = 3000 + s % 997;
  const neardup::cluster::SimilarityFn similarity = [](uint32_t, uint32_t) { return 0.9; };
  for (auto _ : state) {
    auto clusters = neardup::cluster::BuildClusters(count, edges,
                                                    [&facts](uint32_t s) { return facts[s]; },
                                                    neardup::KeepPolicy::kLongest, similarity, 1);
    benchmark::DoNotOptimize(clusters.data());
  }
  state.SetItemsProcessed(state.iterations() * count);
}
BENCHMARK(BM_BuildClusters)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
