#include "pipeline/analysis.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/clock.h"
#include "sketch/banding.h"
#include "sketch/minhash.h"
#include "util/parallel.h"

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

// Exact Jaccard of shingle sets, recomputed from the corpus on demand (they
// are not stored). Each thread keeps the shingles it last computed for a
// first argument and for a second one: candidate pairs come sorted by first
// slot, and a cluster's members are compared with its survivor as second
// argument, so a call mostly computes one document's. Copies share the tag
// that marks their cached shingles, and no other ExactSimilarity ever has
// it, so a thread that outlives a run (the caller's) never reuses another
// corpus's.
// Thread-safe: the caches are thread_local; the corpus is only read.
class ExactSimilarity {
 public:
  explicit ExactSimilarity(const ScannedCorpus& corpus) : corpus_(&corpus), tag_(NewTag()) {}

  double operator()(uint32_t a, uint32_t b) const {
    thread_local CachedSet first, second;
    return sketch::ExactJaccard(Get(a, &first), Get(b, &second));
  }

 private:
  struct CachedSet {
    uint64_t tag = 0;  // 0: empty
    uint32_t slot = 0;
    std::vector<uint64_t> shingles;
  };

  static uint64_t NewTag() {
    static std::atomic<uint64_t> next{1};
    return next.fetch_add(1);
  }

  absl::Span<const uint64_t> Get(uint32_t slot, CachedSet* cached) const {
    if (cached->tag != tag_ || cached->slot != slot) {
      corpus_->Shingles(slot, &cached->shingles);
      cached->tag = tag_;
      cached->slot = slot;
    }
    return cached->shingles;
  }

  const ScannedCorpus* corpus_;
  uint64_t tag_;
};

cluster::SimilarityFn MakeSimilarity(const ScannedCorpus& corpus, VerifyMode mode) {
  if (mode == VerifyMode::kSignature) {
    return [&corpus](uint32_t a, uint32_t b) {
      return sketch::EstimateJaccard(corpus.Signature(a), corpus.Signature(b));
    };
  }
  return ExactSimilarity(corpus);
}

// `similarity`, but a pair that is a verified edge gets the edge's score
// without recomputing it (most cluster members are compared with a survivor
// they share an edge with). Same values, since similarity is symmetric and
// deterministic. Thread-safe: the edge table is only read.
cluster::SimilarityFn ReuseEdgeScores(absl::Span<const cluster::Edge> edges,
                                      cluster::SimilarityFn similarity) {
  auto scores = std::make_shared<absl::flat_hash_map<std::pair<uint32_t, uint32_t>, double>>();
  scores->reserve(edges.size());
  for (const cluster::Edge& edge : edges) {
    scores->try_emplace(std::minmax(edge.a, edge.b), edge.similarity);
  }
  return [scores, similarity = std::move(similarity)](uint32_t a, uint32_t b) {
    auto it = scores->find(std::minmax(a, b));
    return it != scores->end() ? it->second : similarity(a, b);
  };
}

// The best verified match of one signature among the index's candidates:
// highest similarity, ties to the smallest id.
std::optional<HistoryMatch> BestHistoryMatch(const index::HistoryIndex& history,
                                             absl::Span<const uint32_t> signature,
                                             uint64_t run, double threshold,
                                             uint64_t* candidates) {
  std::optional<HistoryMatch> best;
  for (const index::IndexedDoc& doc : history.Candidates(signature, run)) {
    ++*candidates;
    const double similarity = sketch::EstimateJaccard(signature, doc.signature);
    if (similarity >= threshold && (!best.has_value() || similarity > best->similarity)) {
      best = HistoryMatch{doc.id, similarity};
    }
  }
  return best;
}

// Matches every non-empty document against the index, then lets a cluster
// with a matching member follow that member's earlier document.
void MatchHistory(const ScannedCorpus& corpus, const Options& options,
                  const index::HistoryIndex& history, Analysis* analysis) {
  const size_t slots = corpus.docs.size();
  analysis->history_of_slot.assign(slots, std::nullopt);
  std::vector<uint64_t> candidates(slots, 0);
  util::ParallelFor(slots, options.threads, [&](size_t slot) {
    if (corpus.docs[slot].empty) return;
    analysis->history_of_slot[slot] =
        BestHistoryMatch(history, corpus.Signature(static_cast<uint32_t>(slot)),
                         corpus.run_fingerprint, options.sketch.threshold, &candidates[slot]);
  });
  for (uint64_t c : candidates) analysis->history_candidates += c;
  for (const cluster::Cluster& cl : analysis->clusters) {
    const HistoryMatch* best = nullptr;
    for (uint32_t slot : cl.members) {
      const auto& match = analysis->history_of_slot[slot];
      if (match.has_value() && (best == nullptr || match->similarity > best->similarity)) {
        best = &*match;
      }
    }
    if (best == nullptr) continue;
    const HistoryMatch followed = *best;
    const std::optional<index::IndexedDoc> earlier = history.Get(followed.id);
    for (uint32_t slot : cl.members) {
      auto& match = analysis->history_of_slot[slot];
      if (match.has_value() || !earlier.has_value()) continue;
      match = HistoryMatch{followed.id,
                           sketch::EstimateJaccard(corpus.Signature(slot), earlier->signature)};
    }
  }
}

}  // namespace

Analysis Analyze(const ScannedCorpus& corpus, const Options& options,
                 const index::HistoryIndex* history) {
  Analysis analysis;
  StageClock clock(&analysis.timings);
  const uint32_t slots = static_cast<uint32_t>(corpus.docs.size());
  const SketchOptions& sk = options.sketch;
  analysis.bands_rows = ResolveBandsRows(sk);

  std::vector<bool> eligible(slots);
  for (uint32_t slot = 0; slot < slots; ++slot) eligible[slot] = !corpus.docs[slot].empty;
  const std::vector<sketch::CandidatePair> candidates = sketch::FindCandidates(
      slots,
      [&corpus](int band, uint32_t first, uint32_t count, uint64_t* keys) {
        corpus.BandKeys(band, first, count, keys);
      },
      eligible, analysis.bands_rows, options.threads);
  analysis.candidate_pairs = candidates.size();
  clock.Lap("band");

  const cluster::SimilarityFn similarity = MakeSimilarity(corpus, options.verify);
  const std::vector<cluster::Edge> edges =
      cluster::VerifyCandidates(candidates, similarity, sk.threshold, options.threads);
  analysis.verified_edges = edges.size();
  clock.Lap("verify");

  analysis.clusters = cluster::BuildClusters(
      slots, edges,
      [&corpus](uint32_t slot) {
        return cluster::SurvivorFacts{corpus.docs[slot].text_bytes, corpus.docs[slot].date_days};
      },
      options.keep, ReuseEdgeScores(edges, similarity), options.threads);
  analysis.cluster_of_slot.assign(slots, -1);
  for (size_t c = 0; c < analysis.clusters.size(); ++c) {
    for (uint32_t slot : analysis.clusters[c].members) {
      analysis.cluster_of_slot[slot] = static_cast<int64_t>(c);
    }
  }
  clock.Lap("cluster");

  if (history != nullptr) {
    MatchHistory(corpus, options, *history, &analysis);
    clock.Lap("history");
  }

  if (options.passages.enabled) {
    std::vector<uint64_t> kept_records;
    for (uint32_t slot = 0; slot < slots; ++slot) {
      if (IsKeptWithWords(corpus, analysis, slot)) kept_records.push_back(corpus.docs[slot].record);
    }
    analysis.passages =
        passages::FindPassages(kept_records, corpus, options.passages, options.threads);
    clock.Lap("passages");
  }
  if (options.events.enabled) {
    std::vector<events::EventDoc> event_docs;
    for (uint32_t slot = 0; slot < slots; ++slot) {
      const ScannedDoc& doc = corpus.docs[slot];
      if (IsKeptWithWords(corpus, analysis, slot)) event_docs.push_back({doc.record, doc.date});
    }
    analysis.events = events::GroupEvents(event_docs, corpus, options.events, options.threads);
    clock.Lap("events");
  }
  return analysis;
}

}  // namespace neardup::pipeline
