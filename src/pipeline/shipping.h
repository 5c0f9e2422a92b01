// Moving a rank's scanned records to rank 0 in a distributed run.
#ifndef NEARDUP_PIPELINE_SHIPPING_H_
#define NEARDUP_PIPELINE_SHIPPING_H_

#include <cstdint>

#include "absl/status/status.h"
#include "dist/communicator.h"
#include "pipeline/corpus.h"

namespace neardup::pipeline {

// Sends every record of `corpus` to rank 0, in input order: each record's
// outcome and, when usable, its metadata, signature and texts (original,
// repaired, raw JSONL line), in messages of at most about 32 MiB, then an
// empty message. Adds the bytes sent to `*bytes`.
absl::Status ShipCorpus(const ScannedCorpus& corpus, dist::Communicator& ranks, uint64_t* bytes);

// Receives what rank `from` ships and appends it to `builder` in order,
// sketched with `sketch` as the ranks' scans were. Adds the bytes received
// to `*bytes`. A malformed message is an error that names the rank.
absl::Status ReceiveCorpus(int from, dist::Communicator& ranks, const SketchOptions& sketch,
                           CorpusBuilder* builder, uint64_t* bytes);

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_SHIPPING_H_
