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
#include "index/history_index.h"
#include "neardup/options.h"
#include "passages/passages.h"
#include "pipeline/corpus.h"
#include "sketch/lsh_params.h"

namespace neardup::pipeline {

// Wall-clock seconds per named stage, in the order the stages ran.
using StageTimings = std::vector<std::pair<std::string, double>>;

// A document of tonight's run that repeats one kept by an earlier run.
struct HistoryMatch {
  std::string id;           // the earlier document, which stays the survivor
  double similarity = 0.0;  // signature estimate of Jaccard
};

// Everything the writers need besides the corpus itself.
struct Analysis {
  sketch::BandsRows bands_rows;
  uint64_t candidate_pairs = 0;
  uint64_t verified_edges = 0;
  std::vector<cluster::Cluster> clusters;        // ordered by first member
  std::vector<int64_t> cluster_of_slot;          // index into clusters, or -1
  // Per slot, with an index: the earlier document it duplicates. A cluster
  // with one member matching history follows that member as a whole.
  std::vector<std::optional<HistoryMatch>> history_of_slot;
  uint64_t history_candidates = 0;
  std::vector<passages::Passage> passages;       // among kept documents
  std::vector<events::EventGroup> events;        // among kept documents
  StageTimings timings;

  bool IsDuplicate(uint32_t slot) const {
    if (!history_of_slot.empty() && history_of_slot[slot].has_value()) return true;
    const int64_t c = cluster_of_slot[slot];
    return c >= 0 && clusters[static_cast<size_t>(c)].survivor != slot;
  }
};

// A kept document with words: what passages, events and the index work on.
inline bool IsKeptWithWords(const ScannedCorpus& corpus, const Analysis& analysis,
                            uint32_t slot) {
  return !corpus.docs[slot].empty && !analysis.IsDuplicate(slot);
}

// Runs the stages on `corpus` with `options`, matching against `history`
// when it is not null. Deterministic whatever options.threads.
Analysis Analyze(const ScannedCorpus& corpus, const Options& options,
                 const index::HistoryIndex* history);

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_ANALYSIS_H_
