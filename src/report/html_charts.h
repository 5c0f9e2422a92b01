// Small inline SVG charts for the report: the LSH S-curve and bar charts.
#ifndef NEARDUP_REPORT_HTML_CHARTS_H_
#define NEARDUP_REPORT_HTML_CHARTS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "sketch/lsh_params.h"

namespace neardup::report {

// An <svg> plotting the probability that a pair becomes a candidate against
// its Jaccard similarity for `bands_rows` (sketch::CandidateProbability),
// with the threshold marked. Deterministic text; no external references.
std::string SCurveSvg(sketch::BandsRows bands_rows, double threshold);

struct Bar {
  std::string label;  // plain text; escaped when drawn
  uint64_t count = 0;
};

// An <svg> bar chart of `bars`, left to right, each labelled below with its
// label and above with its count; `title` (plain text) names the chart for
// screen readers. Each bar is a <rect class="bar" data-label=… data-count=…>.
std::string BarChartSvg(absl::Span<const Bar> bars, std::string_view title);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_CHARTS_H_
