#include "report/html_report.h"

#include <array>
#include <functional>

#include "absl/strings/str_cat.h"
#include "io/json_writer.h"
#include "report/html_sections.h"
#include "util/parallel.h"

namespace neardup::report {
namespace {

// System fonts only: the page must not fetch anything.
constexpr const char kStyle[] = R"css(
:root { --ink:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#f6f7f9; --accent:#2a62c9; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; }
header { background: #1d2330; color: #fff; padding: 14px 24px; }
header h1 { margin: 0; font-size: 20px; }
nav a { color: #c9d6f2; margin-right: 16px; text-decoration: none; }
main { padding: 8px 24px 40px; max-width: 1280px; }
h2 { border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
section.cluster, section.passage, section.event { background: #fff; border: 1px solid var(--line);
       border-radius: 6px; padding: 4px 14px 12px; margin: 12px 0; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
table { border-collapse: collapse; background: #fff; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
table.figures td { text-align: right; font-variant-numeric: tabular-nums; }
table.list { width: 100%; }
tr.survivor td { font-weight: 600; }
figure { margin: 0; } figcaption { font-weight: 600; padding: 4px 0; }
svg.chart { background: #fff; border: 1px solid var(--line); }
svg text { font-size: 10px; fill: var(--muted); }
svg .grid { stroke: #eceff4; } svg .axis { stroke: var(--muted); }
svg .curve { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .threshold { stroke: #c0392b; stroke-dasharray: 4 3; fill: #c0392b; }
svg .bar { fill: var(--accent); }
.meter { display: inline-block; height: 8px; background: #c0392b; margin-left: 6px; }
pre { white-space: pre-wrap; word-break: break-word; font: 12.5px/1.5 ui-monospace, monospace;
      background: #fbfbfc; border: 1px solid var(--line); padding: 8px; margin: 6px 0;
      max-height: 420px; overflow: auto; }
mark.passage { background: #ffe08a; } mark.first { background: #cfe3ff; }
.diff { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.diff h4 { margin: 6px 0 0; font-size: 13px; }
.same { background: #e9f5ec; }
del { background: #f9c9c4; text-decoration: line-through; }
ins { background: #bfe8c6; text-decoration: none; font-weight: 600; }
.elided { color: var(--muted); font-style: italic; background: #eef0f4; }
ul.labels { list-style: none; padding: 0; margin: 4px 0 8px; }
ul.labels li { display: inline-block; background: #e7eefc; border-radius: 10px; padding: 1px 9px;
               margin: 0 4px 4px 0; }
.none, .omitted { color: var(--muted); }
summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
)css";

}  // namespace

ReportBody RenderReportBody(const pipeline::ScannedCorpus& corpus,
                            const pipeline::Analysis& analysis, const Options& options) {
  const ReportData data{corpus, analysis, options};
  // Sections are rendered on the run's threads, each into its own string.
  const std::array<std::function<std::string()>, 6> sections = {
      [&] { return ChartsSection(data); },
      [&] { return SourcesSection(data); },
      [&] { return ClustersSection(data, kClustersBudget); },
      [&] { return PassagesSection(data, kPassagesBudget); },
      [&] { return EventsSection(data, kEventsBudget); },
      [&] { return InputProblemsSection(data); },
  };
  ReportBody body;
  body.sections.resize(sections.size());
  util::ParallelFor(sections.size(), options.threads,
                    [&](size_t i) { body.sections[i] = sections[i](); });
  return body;
}

std::string RenderHtmlReport(const ReportBody& body, const pipeline::ScannedCorpus& corpus,
                             const pipeline::Analysis& analysis, const Options& options,
                             const RunSummary& summary) {
  std::string html = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>neardup report</title><style>",
      kStyle,
      "</style></head><body><header><h1>neardup report</h1><nav>"
      "<a href=\"#overview\">Summary</a><a href=\"#charts\">Charts</a>"
      "<a href=\"#sources\">Sources</a><a href=\"#clusters\">Clusters</a>"
      "<a href=\"#passages\">Passages</a><a href=\"#events\">Events</a>"
      "<a href=\"#problems\">Rejected &amp; repaired</a></nav></header><main>\n",
      SummarySection(ReportData{corpus, analysis, options}, summary));
  for (const std::string& section : body.sections) absl::StrAppend(&html, "\n", section);
  html += "\n</main></body></html>\n";
  return html;
}

absl::Status WriteHtmlReport(const std::string& path, const ReportBody& body,
                             const pipeline::ScannedCorpus& corpus,
                             const pipeline::Analysis& analysis, const Options& options,
                             const RunSummary& summary) {
  absl::StatusOr<io::LineFile> file = io::LineFile::Create(path);
  if (!file.ok()) return file.status();
  if (absl::Status s = file->Write(RenderHtmlReport(body, corpus, analysis, options, summary));
      !s.ok()) {
    return s;
  }
  return file->Close();
}

}  // namespace neardup::report
