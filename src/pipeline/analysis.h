// The stages after the first pass: candidates, verification, clusters,
// passages and events, computed from a ScannedCorpus.
#ifndef NEARDUP_PIPELINE_ANALYSIS_H_
#define NEARDUP_PIPELINE_ANALYSIS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cluster/clustering.h"
#include "events/events.h"
#include "neardup/options.h"
#include "passages/passages.h"
#include "pipeline/corpus.h"
#include "sketch/lsh_params.h"

namespace neardup::pipeline {

// Wall-clock seconds per named stage, in the order the stages ran.
using StageTimings = std::vector<std::pair<std::string, double>>;

// Everything the writers need besides the corpus itself.
struct Analysis {
  sketch::BandsRows bands_rows;
  uint64_t candidate_pairs = 0;
  uint64_t verified_edges = 0;
  std::vector<cluster::Cluster> clusters;        // ordered by first member
  std::vector<int64_t> cluster_of_slot;          // index into clusters, or -1
  std::vector<passages::Passage> passages;       // among kept documents
  std::vector<events::EventGroup> events;        // among kept documents
  StageTimings timings;

  bool IsDuplicate(uint32_t slot) const {
    const int64_t c = cluster_of_slot[slot];
    return c >= 0 && clusters[static_cast<size_t>(c)].survivor != slot;
  }
};

// Runs the stages on `corpus` with `options`. Deterministic whatever
// options.threads.
Analysis Analyze(const ScannedCorpus& corpus, const Options& options);

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_ANALYSIS_H_
