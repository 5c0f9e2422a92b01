// report.html: a self-contained page showing what a run found.
#ifndef NEARDUP_REPORT_HTML_REPORT_H_
#define NEARDUP_REPORT_HTML_REPORT_H_

#include <string>

#include "absl/status/status.h"
#include "neardup/options.h"
#include "neardup/pipeline.h"
#include "pipeline/analysis.h"
#include "pipeline/corpus.h"

namespace neardup::report {

// The whole report page as one string: inline CSS and SVG, no script and no
// external reference; every piece of corpus text and every id is
// HTML-escaped. Deterministic (no timestamps or timings, the same bytes for
// any options.threads, on which the sections are rendered), and at most
// 5 MiB whatever the corpus size (see docs/REPORT.md for the caps).
std::string RenderHtmlReport(const pipeline::ScannedCorpus& corpus,
                             const pipeline::Analysis& analysis, const Options& options,
                             const RunSummary& summary);

// Writes RenderHtmlReport(...) to `path`. An error names the file.
absl::Status WriteHtmlReport(const std::string& path, const pipeline::ScannedCorpus& corpus,
                             const pipeline::Analysis& analysis, const Options& options,
                             const RunSummary& summary);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_REPORT_H_
