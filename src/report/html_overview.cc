// Overview sections of report.html: summary, charts, sources, input problems.
#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "passages/passages.h"
#include "report/html_charts.h"
#include "report/html_escape.h"
#include "io/string_view_compat.h"
#include "report/html_sections.h"

namespace neardup::report {
namespace {

void AppendRow(std::string_view field, std::string_view label, std::string_view value,
               std::string* out) {
  absl::StrAppend(out, "<tr><th>", io::Absl(label), "</th><td data-field=\"", io::Absl(field),
                  "\">", io::Absl(value),
                  "</td></tr>");
}

std::string Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? "0.0%" : absl::StrFormat("%.1f%%", 100.0 * part / whole);
}

}  // namespace

std::string SummarySection(const ReportData& data, const RunSummary& s) {
  const Options& o = data.options;
  const sketch::BandsRows br = data.analysis.bands_rows;
  std::string html = "<section id=\"overview\"><h2>Summary</h2><div class=\"columns\">";
  html += "<table id=\"summary\" class=\"figures\"><caption>Documents</caption>";
  AppendRow("records", "Records in", absl::StrCat(s.records), &html);
  AppendRow("kept", "Kept", absl::StrCat(s.kept), &html);
  AppendRow("duplicates", "Near-duplicates removed",
            absl::StrCat(s.duplicates), &html);
  AppendRow("history_duplicates", "&hellip; of which match earlier runs",
            absl::StrCat(s.history_duplicates), &html);
  AppendRow("duplicate_share", "Share removed", Percent(s.duplicates, s.records), &html);
  AppendRow("rejected", "Rejected", absl::StrCat(s.rejected), &html);
  AppendRow("empty", "Kept but empty", absl::StrCat(s.empty), &html);
  AppendRow("repaired", "Mojibake repaired", absl::StrCat(s.repaired), &html);
  AppendRow("clusters", "Clusters", absl::StrCat(s.clusters), &html);
  AppendRow("passages", "Repeated passages", absl::StrCat(s.passages), &html);
  AppendRow("cut_bytes", "Passage bytes cut", absl::StrCat(s.cut_bytes), &html);
  AppendRow("events", "Event groups", absl::StrCat(s.events), &html);
  AppendRow("input_bytes", "Text bytes in", absl::StrCat(s.input_bytes), &html);
  AppendRow("candidate_pairs", "Candidate pairs", absl::StrCat(data.analysis.candidate_pairs),
            &html);
  AppendRow("verified_pairs", "Verified pairs", absl::StrCat(data.analysis.verified_edges),
            &html);
  html += "</table>";

  html += "<table id=\"parameters\" class=\"figures\"><caption>Parameters</caption>";
  AppendRow("ngram", "Word n-gram", absl::StrCat(o.sketch.word_ngram), &html);
  AppendRow("char_ngram", "Character n-gram", absl::StrCat(o.sketch.char_ngram), &html);
  AppendRow("num_perm", "Signature slots", absl::StrCat(o.sketch.num_perm), &html);
  AppendRow("sketch", "Signature scheme", SketchSchemeName(o.sketch.scheme), &html);
  AppendRow("bands", "Bands", absl::StrCat(br.bands), &html);
  AppendRow("rows", "Rows per band", absl::StrCat(br.rows), &html);
  AppendRow("threshold", "Jaccard threshold", absl::StrFormat("%.4g", o.sketch.threshold), &html);
  AppendRow("verify", "Verification",
            o.verify == VerifyMode::kExact ? "exact Jaccard" : "signature estimate", &html);
  AppendRow("keep", "Survivor", KeepPolicyName(o.keep), &html);
  AppendRow("passage_min_words", "Passage minimum words",
            o.passages.enabled ? absl::StrCat(o.passages.min_words) : "off", &html);
  AppendRow("event_window_days", "Event date window (days)",
            o.events.enabled ? absl::StrCat(o.events.date_window_days) : "off", &html);
  html += "</table>";

  absl::StrAppend(&html, "<figure><figcaption>Chance of becoming a candidate pair: ", br.bands,
                  " bands &times; ", br.rows, " rows</figcaption>",
                  SCurveSvg(br, o.sketch.threshold), "</figure></div></section>");
  return html;
}

std::string ChartsSection(const ReportData& data) {
  std::string html = "<section id=\"charts\"><h2>Clusters at a glance</h2>";
  if (data.analysis.clusters.empty()) {
    return html + "<p class=\"none\">No near-duplicate clusters.</p></section>";
  }
  // Similarity of each removed member to its survivor, in bins of 0.05.
  std::vector<Bar> similarity(20);
  for (size_t b = 0; b < similarity.size(); ++b) {
    similarity[b].label = absl::StrFormat("%.2f", b * 0.05);
  }
  size_t lowest_bin = similarity.size() - 1;
  // Cluster sizes in bins.
  const std::vector<std::pair<size_t, size_t>> size_bins = {
      {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 10}, {11, 20}, {21, 50}, {51, 100}, {101, SIZE_MAX}};
  std::vector<Bar> sizes;
  for (const auto& [low, high] : size_bins) {
    sizes.push_back({low == high           ? absl::StrCat(low)
                     : high == SIZE_MAX    ? absl::StrCat(low, "+")
                                           : absl::StrCat(low, "-", high),
                     0});
  }
  for (const cluster::Cluster& cl : data.analysis.clusters) {
    for (size_t m = 0; m < cl.members.size(); ++m) {
      if (cl.members[m] == cl.survivor) continue;
      const size_t bin = std::min<size_t>(
          similarity.size() - 1,
          static_cast<size_t>(std::max(0.0, cl.similarity_to_survivor[m]) * 20));
      ++similarity[bin].count;
      lowest_bin = std::min(lowest_bin, bin);
    }
    for (size_t b = 0; b < size_bins.size(); ++b) {
      if (cl.members.size() >= size_bins[b].first && cl.members.size() <= size_bins[b].second) {
        ++sizes[b].count;
      }
    }
  }
  while (sizes.size() > 1 && sizes.back().count == 0) sizes.pop_back();
  const std::vector<Bar> shown_similarity(similarity.begin() + lowest_bin, similarity.end());
  absl::StrAppend(&html, "<div class=\"columns\">",
                  "<figure id=\"similarity-histogram\"><figcaption>Removed documents by "
                  "similarity to their survivor (bins of 0.05)</figcaption>",
                  BarChartSvg(shown_similarity, "Similarity to survivor"), "</figure>",
                  "<figure id=\"size-histogram\"><figcaption>Clusters by size "
                  "(documents)</figcaption>",
                  BarChartSvg(sizes, "Cluster sizes"), "</figure></div></section>");
  return html;
}

std::string SourcesSection(const ReportData& data) {
  struct SourceFigures {
    uint64_t documents = 0, duplicates = 0, bytes = 0, duplicate_bytes = 0;
  };
  std::map<std::string_view, SourceFigures> by_source;
  for (uint32_t slot = 0; slot < data.corpus.docs.size(); ++slot) {
    const pipeline::ScannedDoc& doc = data.corpus.docs[slot];
    if (doc.source.empty()) continue;
    SourceFigures& f = by_source[doc.source];
    ++f.documents;
    f.bytes += doc.text_bytes;
    if (data.analysis.IsDuplicate(slot)) {
      ++f.duplicates;
      f.duplicate_bytes += doc.text_bytes;
    }
  }
  std::string html = "<section id=\"sources\"><h2>By source</h2>";
  if (by_source.empty()) {
    return html + "<p class=\"none\">The input has no source field.</p></section>";
  }
  std::vector<std::pair<std::string_view, SourceFigures>> rows(by_source.begin(), by_source.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second.documents > b.second.documents;
  });
  html += "<table class=\"list\"><thead><tr><th>Source</th><th>Documents</th>"
          "<th>Near-duplicates</th><th>Share</th><th>Text bytes</th><th>Duplicate bytes</th>"
          "</tr></thead><tbody>";
  for (size_t i = 0; i < rows.size() && i < kMaxTableRows; ++i) {
    const auto& [source, f] = rows[i];
    absl::StrAppend(&html, "<tr class=\"source\" data-source=\"", Field(source), "\"><td>",
                    Field(source), "</td><td data-field=\"documents\">", f.documents,
                    "</td><td data-field=\"duplicates\">", f.duplicates, "</td><td>",
                    Percent(f.duplicates, f.documents), "<span class=\"meter\" style=\"width:",
                    absl::StrFormat("%.0f", f.documents == 0 ? 0.0 : 60.0 * f.duplicates / f.documents),
                    "px\"></span></td><td>", f.bytes, "</td><td>", f.duplicate_bytes,
                    "</td></tr>");
  }
  html += "</tbody></table>";
  html += OmittedNote(rows.size() > kMaxTableRows ? rows.size() - kMaxTableRows : 0, 0, "sources");
  return html + "</section>";
}

std::string InputProblemsSection(const ReportData& data) {
  struct Reason {
    uint64_t count = 0;
    std::string_view example_id;
  };
  absl::flat_hash_map<std::string_view, Reason> reasons;
  for (const pipeline::RecordOutcome& record : data.corpus.records) {
    if (record.rejection.empty()) continue;
    Reason& r = reasons[record.rejection];
    if (r.count++ == 0) r.example_id = record.id;
  }
  std::vector<std::pair<std::string_view, Reason>> rows(reasons.begin(), reasons.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second.count != b.second.count ? a.second.count > b.second.count : a.first < b.first;
  });
  std::string html = "<section id=\"problems\"><h2>Rejected and repaired records</h2>";
  if (rows.empty()) {
    html += "<p class=\"none\">No record was rejected.</p>";
  } else {
    html += "<table class=\"list\" id=\"rejections\"><thead><tr><th>Reason</th><th>Records</th>"
            "<th>First record</th></tr></thead><tbody>";
    for (size_t i = 0; i < rows.size() && i < kMaxTableRows; ++i) {
      absl::StrAppend(&html, "<tr><td>", Field(rows[i].first), "</td><td>", rows[i].second.count,
                      "</td><td>", Field(rows[i].second.example_id), "</td></tr>");
    }
    html += "</tbody></table>";
    html += OmittedNote(rows.size() > kMaxTableRows ? rows.size() - kMaxTableRows : 0, 0,
                        "rejection reasons");
  }
  size_t repaired = 0;
  std::string repaired_rows;
  for (const pipeline::ScannedDoc& doc : data.corpus.docs) {
    if (doc.mojibake_code_page.empty()) continue;
    if (repaired++ >= kMaxTableRows) continue;
    absl::StrAppend(&repaired_rows, "<tr data-doc=\"", Field(doc.id), "\"><td>", Field(doc.id),
                    "</td><td>", Field(doc.mojibake_code_page), "</td><td>",
                    doc.mojibake_repairs, "</td><td>", doc.mojibake_guesses, "</td></tr>");
  }
  if (repaired == 0) {
    html += "<p class=\"none\">No mojibake was repaired.</p>";
  } else {
    absl::StrAppend(&html,
                    "<table class=\"list\" id=\"repairs\"><thead><tr><th>Repaired document</th>"
                    "<th>Misread as</th><th>Repairs</th><th>Guesses</th></tr></thead><tbody>",
                    repaired_rows, "</tbody></table>",
                    OmittedNote(repaired > kMaxTableRows ? repaired - kMaxTableRows : 0, 0,
                                "repaired documents"));
  }
  return html + "</section>";
}

}  // namespace neardup::report
