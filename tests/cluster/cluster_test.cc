// Union-find, verification, survivor policies and cluster building.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "cluster/clustering.h"
#include "cluster/union_find.h"

namespace neardup::cluster {
namespace {

// Reads each slot's facts from `facts`.
auto FactsOf(const std::vector<SurvivorFacts>& facts) {
  return [&facts](uint32_t slot) { return facts[slot]; };
}

TEST_CASE("union-find joins transitively and keeps the smallest slot as root") {
  UnionFind sets(6);
  sets.Union(4, 2);
  sets.Union(2, 5);
  sets.Union(1, 3);
  CHECK(sets.Find(5) == 2);
  CHECK(sets.Find(4) == 2);
  CHECK(sets.Find(3) == 1);
  CHECK(sets.Find(0) == 0);
  sets.Union(5, 3);
  CHECK(sets.Find(4) == 1);
}

TEST_CASE("verification keeps only candidates at or above the threshold") {
  const std::vector<sketch::CandidatePair> candidates{{0, 1}, {0, 2}, {1, 2}};
  const SimilarityFn similarity = [](uint32_t a, uint32_t b) { return (a + b) / 4.0; };
  const auto edges = VerifyCandidates(candidates, similarity, 0.5, 2);
  REQUIRE(edges.size() == 2);
  CHECK(edges[0].a == 0);
  CHECK(edges[0].b == 2);
  CHECK(edges[1].similarity == 0.75);
}

TEST_CASE("survivor policies with input-order tie-break") {
  const std::vector<SurvivorFacts> facts{
      {100, 20}, {300, std::nullopt}, {300, 10}, {50, 30}, {50, 30}};
  const std::vector<uint32_t> all{0, 1, 2, 3, 4};
  CHECK(ChooseSurvivor(all, FactsOf(facts), KeepPolicy::kLongest) == 1);   // tie 1 vs 2 -> 1
  CHECK(ChooseSurvivor(all, FactsOf(facts), KeepPolicy::kFirst) == 0);
  CHECK(ChooseSurvivor(all, FactsOf(facts), KeepPolicy::kNewest) == 3);    // tie 3 vs 4 -> 3
  CHECK(ChooseSurvivor(all, FactsOf(facts), KeepPolicy::kOldest) == 2);
  const std::vector<uint32_t> undated_first{1, 3};
  CHECK(ChooseSurvivor(undated_first, FactsOf(facts), KeepPolicy::kOldest) == 3);  // dated beats undated
}

TEST_CASE("clusters list members in order with similarity to the survivor, whatever the edge order") {
  const std::vector<SurvivorFacts> facts{{10, {}}, {10, {}}, {99, {}}, {10, {}}, {10, {}}, {10, {}}};
  std::vector<Edge> edges{{0, 2, 0.9}, {2, 4, 0.8}, {3, 5, 0.7}};
  const SimilarityFn similarity = [](uint32_t a, uint32_t b) { return a == b ? 1.0 : 0.5 + 0.01 * (a + b); };
  const auto clusters = BuildClusters(6, edges, FactsOf(facts), KeepPolicy::kLongest, similarity, 2);
  REQUIRE(clusters.size() == 2);
  CHECK(clusters[0].members == std::vector<uint32_t>{0, 2, 4});
  CHECK(clusters[0].survivor == 2);
  CHECK(clusters[0].similarity_to_survivor[1] == 1.0);
  CHECK(clusters[0].similarity_to_survivor[2] == Approx(0.56));
  CHECK(clusters[1].members == std::vector<uint32_t>{3, 5});
  CHECK(clusters[1].survivor == 3);

  std::mt19937 rng(1);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(edges.begin(), edges.end(), rng);
    const auto again = BuildClusters(6, edges, FactsOf(facts), KeepPolicy::kLongest, similarity, 1);
    REQUIRE(again.size() == clusters.size());
    for (size_t c = 0; c < again.size(); ++c) {
      CHECK(again[c].members == clusters[c].members);
      CHECK(again[c].survivor == clusters[c].survivor);
    }
  }
}

}  // namespace
}  // namespace neardup::cluster
