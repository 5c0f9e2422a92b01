// RunDedup: scan, analyze, write into a temporary folder, commit atomically.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "io/output_dir.h"
#include "neardup/pipeline.h"
#include "pipeline/analysis.h"
#include "pipeline/corpus.h"
#include "report/outputs.h"

namespace neardup {

absl::StatusOr<RunSummary> RunDedup(const Options& options) {
  const absl::Time start = absl::Now();
  absl::StatusOr<io::OutputDir> out = io::OutputDir::Create(options.output_dir);
  if (!out.ok()) return out.status();
  const std::string scratch = absl::StrCat(out->temp_path(), "/.scratch");
  if (::mkdir(scratch.c_str(), 0700) != 0) {
    return absl::UnavailableError(absl::StrCat(scratch, ": cannot create scratch folder: ",
                                               std::strerror(errno)));
  }

  RunSummary summary;
  {
    const absl::Time scan_start = absl::Now();
    absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> corpus =
        pipeline::ScanCorpus(options, scratch);
    if (!corpus.ok()) return corpus.status();
    const double scan_seconds = absl::ToDoubleSeconds(absl::Now() - scan_start);
    pipeline::Analysis analysis = pipeline::Analyze(**corpus, options);
    analysis.timings.insert(analysis.timings.begin(), {"read+sketch", scan_seconds});
    absl::StatusOr<RunSummary> written =
        report::WriteOutputs(out->temp_path(), **corpus, analysis, options, start);
    if (!written.ok()) return written.status();
    summary = *written;
  }  // the corpus unlinks its spill files here
  ::rmdir(scratch.c_str());
  if (absl::Status committed = out->Commit(); !committed.ok()) return committed;
  summary.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return summary;
}

}  // namespace neardup
