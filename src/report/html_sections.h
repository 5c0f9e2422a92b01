// The sections of report.html, each rendered to a string by its own file.
#ifndef NEARDUP_REPORT_HTML_SECTIONS_H_
#define NEARDUP_REPORT_HTML_SECTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "neardup/options.h"
#include "neardup/pipeline.h"
#include "pipeline/analysis.h"
#include "pipeline/corpus.h"

namespace neardup::report {

// What every section reads. Borrowed: the referenced objects outlive it.
struct ReportData {
  const pipeline::ScannedCorpus& corpus;
  const pipeline::Analysis& analysis;
  const Options& options;
};

// How much is embedded at most (docs/REPORT.md documents these).
inline constexpr size_t kMaxClustersShown = 50;
inline constexpr size_t kMaxPassagesShown = 50;
inline constexpr size_t kMaxEventsShown = 50;
inline constexpr size_t kMaxMembersShown = 100;    // rows per cluster or event
inline constexpr size_t kMaxTableRows = 100;       // sources, rejection reasons, repairs
inline constexpr size_t kMaxFieldBytes = 200;      // an id, source or reason as shown
inline constexpr size_t kMaxTitleBytes = 160;
inline constexpr size_t kExcerptContextBytes = 400;
inline constexpr size_t kMaxMarkBytes = 6000;
inline constexpr size_t kMaxDiffTextBytes = 8000;  // per side of a pair
inline constexpr size_t kMaxDiffCells = 4u << 20;
// Byte budgets of the capped sections; with the bounded overview sections
// the whole page stays under 5 MiB.
inline constexpr size_t kClustersBudget = 2400u << 10;
inline constexpr size_t kPassagesBudget = 1200u << 10;
inline constexpr size_t kEventsBudget = 800u << 10;

// Overview sections (html_overview.cc): counts and parameters with the
// S-curve, the similarity and cluster-size histograms, per-source figures,
// and rejected / repaired records. Bounded by kMaxTableRows.
std::string SummarySection(const ReportData& data, const RunSummary& summary);
std::string ChartsSection(const ReportData& data);
std::string SourcesSection(const ReportData& data);
std::string InputProblemsSection(const ReportData& data);

// Item sections, each showing at most its kMax*Shown items and stopping
// before `budget` bytes; what is left out is counted on the page.
std::string ClustersSection(const ReportData& data, size_t budget);   // html_clusters.cc
std::string PassagesSection(const ReportData& data, size_t budget);   // html_passages.cc
std::string EventsSection(const ReportData& data, size_t budget);     // html_events.cc

// Shared pieces (html_sections.cc).
// The analyzed (repaired) text of a slot, a view valid until `*buffer`
// changes (ScannedCorpus::AnalyzedText).
std::string_view SlotText(const ReportData& data, uint32_t slot, std::string* buffer);
// A short plain-text title: the first non-blank line, cut to kMaxTitleBytes.
std::string FirstLine(std::string_view text);
// `value` shortened to kMaxFieldBytes and escaped.
std::string Field(std::string_view value);
// A note saying how many items were left out and why, or "" when none.
std::string OmittedNote(size_t by_count, size_t by_size, std::string_view what);

}  // namespace neardup::report

#endif  // NEARDUP_REPORT_HTML_SECTIONS_H_
