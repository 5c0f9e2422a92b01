// report.html: a self-contained page showing what a run found.
#ifndef NEARDUP_REPORT_HTML_REPORT_H_
#define NEARDUP_REPORT_HTML_REPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "neardup/options.h"
#include "neardup/pipeline.h"
#include "pipeline/analysis.h"
#include "pipeline/corpus.h"

namespace neardup::report {

// report.html is made in two steps, so that its slow part can be rendered
// while the decisions and the cleaned corpus are written: every section but
// the summary (which shows the run's counts, known only once the records are
// written) first, then the whole page.

// The rendered sections of report.html other than the summary, in page order.
struct ReportBody {
  std::vector<std::string> sections;
};

// Renders the sections that do not depend on the run's counts, on
// options.threads threads (the same bytes for any number).
ReportBody RenderReportBody(const pipeline::ScannedCorpus& corpus,
                            const pipeline::Analysis& analysis, const Options& options);

// The whole report page as one string: the summary of `summary`, then
// `body`; inline CSS and SVG, no script and no external reference; every
// piece of corpus text and every id is HTML-escaped. Deterministic (no
// timestamps or timings), and at most 5 MiB whatever the corpus size (see
// docs/REPORT.md for the caps).
std::string RenderHtmlReport(const ReportBody& body, const pipeline::ScannedCorpus& corpus,
                             const pipeline::Analysis& analysis, const Options& options,
                             const RunSummary& summary);

// Writes RenderHtmlReport(...) to `path`. An error names the file.
absl::Status WriteHtmlReport(const std::string& path, const ReportBody& body,
                             const pipeline::ScannedCorpus& corpus,
                             const pipeline::Analysis& analysis, const Options& options,
                             const RunSummary& summary);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_REPORT_H_
