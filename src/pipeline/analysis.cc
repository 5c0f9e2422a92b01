#include "pipeline/analysis.h"

#include "absl/time/clock.h"
#include "sketch/banding.h"
#include "sketch/minhash.h"

namespace neardup::pipeline {
namespace {

// Measures the stages of one run.
class StageClock {
 public:
  explicit StageClock(StageTimings* timings) : timings_(timings), start_(absl::Now()) {}
  void Lap(std::string stage) {
    const absl::Time now = absl::Now();
    timings_->emplace_back(std::move(stage), absl::ToDoubleSeconds(now - start_));
    start_ = now;
  }

 private:
  StageTimings* timings_;
  absl::Time start_;
};

cluster::SimilarityFn MakeSimilarity(const ScannedCorpus& corpus, VerifyMode mode) {
  if (mode == VerifyMode::kSignature) {
    return [&corpus](uint32_t a, uint32_t b) {
      return sketch::EstimateJaccard(corpus.Signature(a), corpus.Signature(b));
    };
  }
  return [&corpus](uint32_t a, uint32_t b) {
    return sketch::ExactJaccard(corpus.Shingles(a), corpus.Shingles(b));
  };
}

}  // namespace

Analysis Analyze(const ScannedCorpus& corpus, const Options& options) {
  Analysis analysis;
  StageClock clock(&analysis.timings);
  const uint32_t slots = static_cast<uint32_t>(corpus.docs.size());
  const SketchOptions& sk = options.sketch;
  analysis.bands_rows = sk.bands > 0 && sk.rows > 0
                            ? sketch::BandsRows{sk.bands, sk.rows}
                            : sketch::ChooseBandsRows(sk.threshold, sk.num_perm);

  std::vector<bool> eligible(slots);
  for (uint32_t slot = 0; slot < slots; ++slot) eligible[slot] = !corpus.docs[slot].empty;
  const std::vector<sketch::CandidatePair> candidates = sketch::FindCandidates(
      corpus.signatures, sk.num_perm, eligible, analysis.bands_rows, options.threads);
  analysis.candidate_pairs = candidates.size();
  clock.Lap("band");

  const cluster::SimilarityFn similarity = MakeSimilarity(corpus, options.verify);
  const std::vector<cluster::Edge> edges =
      cluster::VerifyCandidates(candidates, similarity, sk.threshold, options.threads);
  analysis.verified_edges = edges.size();
  clock.Lap("verify");

  std::vector<cluster::SurvivorFacts> facts(slots);
  for (uint32_t slot = 0; slot < slots; ++slot) {
    facts[slot] = {corpus.docs[slot].text_bytes, corpus.docs[slot].date_days};
  }
  analysis.clusters = cluster::BuildClusters(slots, edges, facts, options.keep, similarity,
                                             options.threads);
  analysis.cluster_of_slot.assign(slots, -1);
  for (size_t c = 0; c < analysis.clusters.size(); ++c) {
    for (uint32_t slot : analysis.clusters[c].members) {
      analysis.cluster_of_slot[slot] = static_cast<int64_t>(c);
    }
  }
  clock.Lap("cluster");

  std::vector<uint64_t> kept_records;
  std::vector<events::EventDoc> event_docs;
  for (uint32_t slot = 0; slot < slots; ++slot) {
    const ScannedDoc& doc = corpus.docs[slot];
    if (analysis.IsDuplicate(slot) || doc.empty) continue;
    kept_records.push_back(doc.record);
    event_docs.push_back({doc.record, doc.date});
  }
  if (options.passages.enabled) {
    analysis.passages =
        passages::FindPassages(kept_records, corpus, options.passages, options.threads);
    clock.Lap("passages");
  }
  if (options.events.enabled) {
    analysis.events = events::GroupEvents(event_docs, corpus, options.events, options.threads);
    clock.Lap("events");
  }
  return analysis;
}

}  // namespace neardup::pipeline
