// The near-duplicate clusters section of report.html.
#include <algorithm>
#include <numeric>
#include <vector>

#include "text/utf8.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "report/html_escape.h"
#include "report/html_excerpt.h"
#include "io/string_view_compat.h"
#include "report/html_sections.h"
#include "report/html_word_diff.h"

namespace neardup::report {
namespace {

std::string Similarity(double value) { return absl::StrFormat("%.4f", value); }

// The member least similar to the survivor (the earliest on ties), or the
// survivor itself for a cluster of one.
size_t MostDifferentMember(const cluster::Cluster& cl) {
  size_t chosen = 0;
  double lowest = 2.0;
  for (size_t m = 0; m < cl.members.size(); ++m) {
    if (cl.members[m] != cl.survivor && cl.similarity_to_survivor[m] < lowest) {
      lowest = cl.similarity_to_survivor[m];
      chosen = m;
    }
  }
  return chosen;
}

// One side of a pair: the diff's spans as escaped text, shared words in
// <span class="same">, words found on this side only in <del> or <ins>.
void AppendDiffSide(std::string_view text, const std::vector<DiffSpan>& spans,
                    std::string_view only_tag, size_t cut_bytes, std::string* out) {
  for (const DiffSpan& span : spans) {
    absl::StrAppend(out, span.shared ? "<span class=\"same\">" : absl::StrCat("<", io::Absl(only_tag), ">"));
    AppendEscaped(text.substr(span.begin, span.end - span.begin), out);
    absl::StrAppend(out, span.shared ? "</span>" : absl::StrCat("</", io::Absl(only_tag), ">"));
  }
  if (cut_bytes > 0) out->append(ElidedMarker(cut_bytes));
}

void AppendPair(const ReportData& data, uint32_t left_slot, uint32_t right_slot,
                double similarity, bool open, std::string* out) {
  std::string left_buffer, right_buffer;
  const std::string_view left_full = SlotText(data, left_slot, &left_buffer);
  const std::string_view right_full = SlotText(data, right_slot, &right_buffer);
  const std::string_view left = left_full.substr(0, text::Utf8Floor(left_full, kMaxDiffTextBytes));
  const std::string_view right = right_full.substr(0, text::Utf8Floor(right_full, kMaxDiffTextBytes));
  const WordDiff diff = DiffWords(left, right, kMaxDiffCells);
  const std::string& left_id = data.corpus.docs[left_slot].id;
  const std::string& right_id = data.corpus.docs[right_slot].id;
  absl::StrAppend(out, "<details class=\"pair\"", open ? " open" : "", " data-left=\"",
                  Field(left_id), "\" data-right=\"", Field(right_id),
                  "\"><summary>Survivor vs its most different member (similarity ",
                  Similarity(similarity), "): shared words plain, differences marked",
                  diff.aligned ? "" : " (too different to align within the cap)",
                  "</summary><div class=\"diff\"><div class=\"side\"><h4>");
  absl::StrAppend(out, Field(left_id), " (survivor)</h4><pre>");
  AppendDiffSide(left, diff.left, "del", left_full.size() - left.size(), out);
  absl::StrAppend(out, "</pre></div><div class=\"side\"><h4>", Field(right_id), "</h4><pre>");
  AppendDiffSide(right, diff.right, "ins", right_full.size() - right.size(), out);
  out->append("</pre></div></div></details>");
}

std::string RenderCluster(const ReportData& data, size_t c, bool open) {
  const cluster::Cluster& cl = data.analysis.clusters[c];
  const pipeline::ScannedDoc& survivor = data.corpus.docs[cl.survivor];
  std::string html = absl::StrCat(
      "<section class=\"cluster\" id=\"cluster-", c + 1, "\" data-size=\"", cl.members.size(),
      "\"><h3>Cluster ", c + 1, ": ", cl.members.size(), " documents, keeps ",
      Field(survivor.id), "</h3><table class=\"list\"><thead><tr><th></th><th>Id</th>"
      "<th>Source</th><th>Date</th><th>Bytes</th><th>Words</th><th>Similarity to survivor</th>"
      "</tr></thead><tbody>");
  for (size_t m = 0; m < cl.members.size() && m < kMaxMembersShown; ++m) {
    const pipeline::ScannedDoc& doc = data.corpus.docs[cl.members[m]];
    const bool is_survivor = cl.members[m] == cl.survivor;
    absl::StrAppend(&html, "<tr class=\"", is_survivor ? "survivor" : "duplicate",
                    "\" data-doc=\"", Field(doc.id), "\"><td>",
                    data.analysis.IsDuplicate(cl.members[m]) ? "removed" : "kept", "</td><td>", Field(doc.id), "</td><td>",
                    Field(doc.source), "</td><td>", Field(doc.date), "</td><td>", doc.text_bytes,
                    "</td><td>", doc.words, "</td><td>",
                    Similarity(cl.similarity_to_survivor[m]), "</td></tr>");
  }
  html += "</tbody></table>";
  if (cl.members.size() > kMaxMembersShown) {
    html += OmittedNote(cl.members.size() - kMaxMembersShown, 0, "members");
  }
  const size_t other = MostDifferentMember(cl);
  if (cl.members[other] != cl.survivor) {
    AppendPair(data, cl.survivor, cl.members[other], cl.similarity_to_survivor[other], open,
               &html);
  }
  return html + "</section>";
}

}  // namespace

std::string ClustersSection(const ReportData& data, size_t budget) {
  const auto& clusters = data.analysis.clusters;
  std::string html = absl::StrCat("<section id=\"clusters\"><h2>Near-duplicate clusters (",
                                  clusters.size(), ")</h2>");
  if (clusters.empty()) return html + "<p class=\"none\">No near-duplicates found.</p></section>";
  // The largest clusters first; ties in cluster order.
  std::vector<size_t> order(clusters.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return clusters[a].members.size() > clusters[b].members.size();
  });
  const size_t shown = std::min(order.size(), kMaxClustersShown);
  if (shown < order.size()) {
    absl::StrAppend(&html, "<p>The ", shown, " largest clusters.</p>");
  }
  constexpr size_t kOpenPairs = 5;  // pairs shown unfolded; the rest fold
  size_t over_budget = 0;
  for (size_t i = 0; i < shown; ++i) {
    std::string item = RenderCluster(data, order[i], i < kOpenPairs);
    if (html.size() + item.size() > budget) {
      ++over_budget;
      continue;
    }
    html += item;
  }
  html += OmittedNote(order.size() - shown, over_budget, "clusters");
  return html + "</section>";
}

}  // namespace neardup::report
