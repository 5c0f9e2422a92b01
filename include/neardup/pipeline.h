// neardup: the one call that runs a whole deduplication job.
#ifndef NEARDUP_PIPELINE_H_
#define NEARDUP_PIPELINE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "neardup/options.h"

namespace neardup {

namespace dist {
class Communicator;
}  // namespace dist

// Counts a finished run reports; they add up: records = kept + duplicates +
// rejected.
struct RunSummary {
  uint64_t records = 0;
  uint64_t kept = 0;
  uint64_t duplicates = 0;
  uint64_t history_duplicates = 0;  // of those, duplicates of documents in the index
  uint64_t indexed = 0;             // documents added to the index
  uint64_t rejected = 0;
  uint64_t empty = 0;      // kept records without a single word
  uint64_t repaired = 0;   // records whose mojibake was repaired
  uint64_t clusters = 0;
  uint64_t passages = 0;
  uint64_t cut_bytes = 0;  // bytes of repeated passages cut from the cleaned corpus
  uint64_t events = 0;
  uint64_t input_bytes = 0;
  double seconds = 0.0;
  int ranks = 1;                  // processes of a distributed run
  uint64_t bytes_from_ranks = 0;  // records rank 0 received from the others
};

// Reads options.inputs, finds near-duplicates (and passages and events when
// enabled), and writes every output into options.output_dir, which appears
// complete or not at all (an existing folder is replaced atomically). An
// error Status means nothing was written; its message names the file and
// what to do. Bad records are not errors: they are rejected in decisions.
absl::StatusOr<RunSummary> RunDedup(const Options& options);

// RunDedup as one rank of a distributed run: every rank reads and sketches
// its share of the inputs (dist/input_share.h) and ships the records to rank
// 0, which runs the remaining stages and writes exactly what RunDedup would
// have written. Rank 0 puts the outputs in place only once every rank has
// finished; a rank that dies ends the run before that. Only rank 0's
// summary has counts. An error must end the whole run (Communicator::Abort),
// since the other ranks may be waiting.
absl::StatusOr<RunSummary> RunDedupOnRanks(const Options& options, dist::Communicator& ranks);

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_H_
