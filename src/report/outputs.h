// Writes a run's outputs: decisions, clusters, passages, events, stats and
// the cleaned corpus (docs/ has one page per file).
#ifndef NEARDUP_REPORT_OUTPUTS_H_
#define NEARDUP_REPORT_OUTPUTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "neardup/options.h"
#include "neardup/pipeline.h"
#include "pipeline/analysis.h"
#include "pipeline/corpus.h"

namespace neardup::report {

// Writes every output file into `folder` (the run's temporary output folder)
// and returns the run's counts. Deterministic: the same corpus, analysis and
// options give the same bytes, except the timings in stats.json. An error
// (disk full, unwritable folder) names the file.
absl::StatusOr<RunSummary> WriteOutputs(const std::string& folder,
                                        const pipeline::ScannedCorpus& corpus,
                                        const pipeline::Analysis& analysis,
                                        const Options& options, absl::Time run_start);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_OUTPUTS_H_
