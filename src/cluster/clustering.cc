#include "cluster/clustering.h"

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "cluster/union_find.h"
#include "util/parallel.h"

namespace neardup::cluster {
namespace {

// True if `a` should survive rather than `b` (a earlier in input order than b
// is the tie-break, decided by the caller's scan order).
bool Better(const SurvivorFacts& a, const SurvivorFacts& b, KeepPolicy policy) {
  switch (policy) {
    case KeepPolicy::kLongest:
      return a.text_bytes > b.text_bytes;
    case KeepPolicy::kFirst:
      return false;
    case KeepPolicy::kNewest:
    case KeepPolicy::kOldest:
      if (!a.date.has_value()) return false;
      if (!b.date.has_value()) return true;
      return policy == KeepPolicy::kNewest ? *a.date > *b.date : *a.date < *b.date;
  }
  return false;
}

}  // namespace

std::vector<Edge> VerifyCandidates(absl::Span<const sketch::CandidatePair> candidates,
                                   const SimilarityFn& similarity, double threshold,
                                   int threads) {
  std::vector<double> scores(candidates.size());
  util::ParallelFor(candidates.size(), threads, [&](size_t i) {
    scores[i] = similarity(candidates[i].first, candidates[i].second);
  });
  std::vector<Edge> edges;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (scores[i] >= threshold) {
      edges.push_back({candidates[i].first, candidates[i].second, scores[i]});
    }
  }
  return edges;
}

uint32_t ChooseSurvivor(absl::Span<const uint32_t> members, FactsFn facts, KeepPolicy policy) {
  uint32_t best = members.front();
  SurvivorFacts best_facts = facts(best);
  for (uint32_t slot : members.subspan(1)) {
    const SurvivorFacts candidate = facts(slot);
    if (Better(candidate, best_facts, policy)) {
      best = slot;
      best_facts = candidate;
    }
  }
  return best;
}

std::vector<Cluster> BuildClusters(uint32_t slot_count, absl::Span<const Edge> edges,
                                   FactsFn facts, KeepPolicy policy,
                                   const SimilarityFn& similarity, int threads) {
  UnionFind sets(slot_count);
  for (const Edge& edge : edges) sets.Union(edge.a, edge.b);

  // Visiting the slots of the edges in ascending order lists clusters in the
  // order of their first member, and members in ascending order.
  std::vector<uint32_t> members;
  members.reserve(2 * edges.size());
  for (const Edge& edge : edges) {
    members.push_back(edge.a);
    members.push_back(edge.b);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  absl::flat_hash_map<uint32_t, size_t> cluster_of_root;
  std::vector<Cluster> clusters;
  for (uint32_t slot : members) {
    auto [it, inserted] = cluster_of_root.try_emplace(sets.Find(slot), 0);
    if (inserted) {
      it->second = clusters.size();
      clusters.emplace_back();
    }
    clusters[it->second].members.push_back(slot);
  }

  util::ParallelFor(clusters.size(), threads, [&](size_t c) {
    Cluster& cluster = clusters[c];
    cluster.survivor = ChooseSurvivor(cluster.members, facts, policy);
    cluster.similarity_to_survivor.resize(cluster.members.size());
    for (size_t m = 0; m < cluster.members.size(); ++m) {
      const uint32_t slot = cluster.members[m];
      cluster.similarity_to_survivor[m] =
          slot == cluster.survivor ? 1.0 : similarity(slot, cluster.survivor);
    }
  });
  return clusters;
}

}  // namespace neardup::cluster
