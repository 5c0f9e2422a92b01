#include "report/html_charts.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "report/html_escape.h"

namespace neardup::report {
namespace {

// Plot area inside the SVG, in SVG units.
constexpr double kLeft = 44, kTop = 12, kPlotWidth = 300, kPlotHeight = 150;

std::string Num(double value) { return absl::StrFormat("%.1f", value); }

}  // namespace

std::string SCurveSvg(sketch::BandsRows bands_rows, double threshold) {
  const double width = kLeft + kPlotWidth + 12, height = kTop + kPlotHeight + 36;
  std::string svg = absl::StrCat(
      "<svg class=\"chart\" id=\"s-curve\" viewBox=\"0 0 ", Num(width), " ", Num(height),
      "\" width=\"", Num(width), "\" height=\"", Num(height),
      "\" role=\"img\"><title>Probability of becoming a candidate vs Jaccard similarity, ",
      bands_rows.bands, " bands x ", bands_rows.rows, " rows</title>");
  // Axes and grid lines at 0, 0.5, 1 on both axes.
  for (int k = 0; k <= 4; ++k) {
    const double f = k / 4.0;
    const double x = kLeft + f * kPlotWidth, y = kTop + (1 - f) * kPlotHeight;
    absl::StrAppend(&svg, "<line class=\"grid\" x1=\"", Num(kLeft), "\" y1=\"", Num(y),
                    "\" x2=\"", Num(kLeft + kPlotWidth), "\" y2=\"", Num(y), "\"/>",
                    "<line class=\"grid\" x1=\"", Num(x), "\" y1=\"", Num(kTop), "\" x2=\"",
                    Num(x), "\" y2=\"", Num(kTop + kPlotHeight), "\"/>");
    absl::StrAppend(&svg, "<text x=\"", Num(kLeft - 4), "\" y=\"", Num(y + 4),
                    "\" text-anchor=\"end\">", absl::StrFormat("%.2f", f), "</text>",
                    "<text x=\"", Num(x), "\" y=\"", Num(kTop + kPlotHeight + 14),
                    "\" text-anchor=\"middle\">", absl::StrFormat("%.2f", f), "</text>");
  }
  absl::StrAppend(&svg, "<text x=\"", Num(kLeft + kPlotWidth / 2), "\" y=\"",
                  Num(kTop + kPlotHeight + 30), "\" text-anchor=\"middle\">Jaccard similarity</text>");
  // The threshold.
  const double tx = kLeft + std::clamp(threshold, 0.0, 1.0) * kPlotWidth;
  absl::StrAppend(&svg, "<line class=\"threshold\" x1=\"", Num(tx), "\" y1=\"", Num(kTop),
                  "\" x2=\"", Num(tx), "\" y2=\"", Num(kTop + kPlotHeight), "\"/>",
                  "<text class=\"threshold\" x=\"", Num(tx + 3), "\" y=\"", Num(kTop + 10),
                  "\">threshold ", absl::StrFormat("%.2f", threshold), "</text>");
  // The curve, sampled every 0.01.
  svg += "<polyline class=\"curve\" points=\"";
  for (int k = 0; k <= 100; ++k) {
    const double j = k / 100.0;
    const double p = bands_rows.bands > 0 && bands_rows.rows > 0
                         ? sketch::CandidateProbability(j, bands_rows)
                         : 0.0;
    absl::StrAppend(&svg, k > 0 ? " " : "", Num(kLeft + j * kPlotWidth), ",",
                    Num(kTop + (1 - p) * kPlotHeight));
  }
  svg += "\"/></svg>";
  return svg;
}

std::string BarChartSvg(absl::Span<const Bar> bars, std::string_view title) {
  uint64_t highest = 1;
  for (const Bar& bar : bars) highest = std::max(highest, bar.count);
  // Bars are 14 to 40 units wide: thin enough for many bins, never a slab.
  const double slot = bars.empty() ? 40.0 : std::clamp(kPlotWidth / bars.size(), 14.0, 40.0);
  const double width = kLeft + slot * std::max<size_t>(bars.size(), 1) + 12;
  const double height = kTop + kPlotHeight + 40;
  std::string svg = absl::StrCat("<svg class=\"chart\" viewBox=\"0 0 ", Num(width), " ",
                                 Num(height), "\" width=\"", Num(width), "\" height=\"",
                                 Num(height), "\" role=\"img\"><title>");
  AppendEscaped(title, &svg);
  svg += "</title>";
  absl::StrAppend(&svg, "<line class=\"axis\" x1=\"", Num(kLeft), "\" y1=\"",
                  Num(kTop + kPlotHeight), "\" x2=\"", Num(width - 12), "\" y2=\"",
                  Num(kTop + kPlotHeight), "\"/>");
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const double h = kPlotHeight * static_cast<double>(bar.count) / static_cast<double>(highest);
    const double x = kLeft + i * slot;
    const double y = kTop + kPlotHeight - h;
    absl::StrAppend(&svg, "<rect class=\"bar\" x=\"", Num(x + 1), "\" y=\"", Num(y),
                    "\" width=\"", Num(slot - 2), "\" height=\"", Num(h), "\" data-label=\"");
    AppendEscaped(bar.label, &svg);
    absl::StrAppend(&svg, "\" data-count=\"", bar.count, "\"><title>");
    AppendEscaped(bar.label, &svg);
    absl::StrAppend(&svg, ": ", bar.count, "</title></rect>");
    if (bar.count > 0) {
      absl::StrAppend(&svg, "<text x=\"", Num(x + slot / 2), "\" y=\"", Num(y - 2),
                      "\" text-anchor=\"middle\">", bar.count, "</text>");
    }
    absl::StrAppend(&svg, "<text class=\"label\" transform=\"translate(", Num(x + slot / 2 + 3),
                    ",", Num(kTop + kPlotHeight + 6), ") rotate(60)\">");
    AppendEscaped(bar.label, &svg);
    svg += "</text>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace neardup::report
