// From candidate pairs to verified near-duplicate clusters with survivors.
#ifndef NEARDUP_CLUSTER_CLUSTERING_H_
#define NEARDUP_CLUSTER_CLUSTERING_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"
#include "neardup/options.h"
#include "sketch/banding.h"

namespace neardup::cluster {

// A candidate pair whose similarity was checked and reached the threshold.
struct Edge {
  uint32_t a = 0;
  uint32_t b = 0;
  double similarity = 0.0;
};

// Similarity of two slots; must be thread-safe and symmetric.
using SimilarityFn = std::function<double(uint32_t, uint32_t)>;

// Checks every candidate with `similarity` (in parallel) and keeps those at
// or above `threshold`, in candidate order. Also returns how many were checked.
std::vector<Edge> VerifyCandidates(absl::Span<const sketch::CandidatePair> candidates,
                                   const SimilarityFn& similarity, double threshold,
                                   int threads);

// What the survivor policy needs to know of a document.
struct SurvivorFacts {
  uint64_t text_bytes = 0;
  std::optional<int64_t> date;  // any monotone encoding (e.g. seconds); empty if unknown
};
// The facts of slot `slot`: asked only for members of clusters, from several
// threads at once.
using FactsFn = absl::FunctionRef<SurvivorFacts(uint32_t slot)>;

// A near-duplicate cluster: 2+ slots, ascending, and the survivor among them
// with each member's similarity to the survivor (1 for the survivor itself).
struct Cluster {
  std::vector<uint32_t> members;
  uint32_t survivor = 0;
  std::vector<double> similarity_to_survivor;  // parallel to members
};

// Picks the survivor of `members` (ascending slots = input order):
// kLongest: most text bytes; kFirst: first in input; kNewest / kOldest: latest
// / earliest known date, documents with a date before those without. Every tie
// goes to the earliest in input order, so the choice is deterministic.
uint32_t ChooseSurvivor(absl::Span<const uint32_t> members, FactsFn facts, KeepPolicy policy);

// Unions the edges over `slot_count` slots and returns the clusters of 2+
// members ordered by their first member, each with its survivor and every
// member's similarity to it (computed with `similarity`, in parallel).
std::vector<Cluster> BuildClusters(uint32_t slot_count, absl::Span<const Edge> edges,
                                   FactsFn facts, KeepPolicy policy,
                                   const SimilarityFn& similarity, int threads);

}  // namespace neardup::cluster

#endif  // NEARDUP_CLUSTER_CLUSTERING_H_
