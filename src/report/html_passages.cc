// The repeated passages section of report.html.
#include <algorithm>
#include <numeric>
#include <vector>

#include "absl/strings/str_cat.h"
#include "report/html_escape.h"
#include "report/html_excerpt.h"
#include "io/string_view_compat.h"
#include "report/html_sections.h"

namespace neardup::report {
namespace {

std::string MarkTag(std::string_view css_class, std::string_view id, uint32_t begin,
                    uint32_t end) {
  return absl::StrCat("<mark class=\"", io::Absl(css_class), "\" data-doc=\"", Field(id),
                      "\" data-begin=\"", begin, "\" data-end=\"", end, "\">");
}

std::string RenderPassage(const ReportData& data, size_t index) {
  const passages::Passage& p = data.analysis.passages[index];
  const auto slot = static_cast<uint32_t>(data.corpus.records[p.doc].slot);
  const auto first_slot = static_cast<uint32_t>(data.corpus.records[p.first_doc].slot);
  const std::string& id = data.corpus.docs[slot].id;
  const std::string& first_id = data.corpus.docs[first_slot].id;
  std::string html = absl::StrCat(
      "<section class=\"passage\" id=\"passage-", index + 1, "\" data-doc=\"", Field(id),
      "\" data-first-doc=\"", Field(first_id), "\" data-scope=\"",
      p.within_document ? "within" : "across", "\"><h3>", Field(id), ": ", p.words,
      " words (", p.end - p.begin, " bytes) repeating ",
      p.within_document ? "an earlier part of the same document" : Field(first_id),
      p.boilerplate ? " &mdash; boilerplate" : "", "</h3>");
  const std::string repeat_tag = MarkTag("passage", id, p.begin, p.end);
  const std::string first_tag = MarkTag("first", first_id, p.first_begin, p.first_end);
  std::vector<Highlight> marks = {{p.begin, p.end, repeat_tag, "</mark>"}};
  if (p.within_document) marks.push_back({p.first_begin, p.first_end, first_tag, "</mark>"});
  std::string text;
  html += "<pre class=\"text\">";
  AppendExcerpt(SlotText(data, slot, &text), std::move(marks), kExcerptContextBytes, kMaxMarkBytes,
                &html);
  html += "</pre>";
  if (!p.within_document) {
    absl::StrAppend(&html, "<p class=\"first-copy\">First occurrence, in ", Field(first_id),
                    ":</p><pre class=\"text\">");
    AppendExcerpt(SlotText(data, first_slot, &text), {{p.first_begin, p.first_end, first_tag, "</mark>"}},
                  kExcerptContextBytes, kMaxMarkBytes, &html);
    html += "</pre>";
  }
  return html + "</section>";
}

}  // namespace

std::string PassagesSection(const ReportData& data, size_t budget) {
  const auto& all = data.analysis.passages;
  uint64_t repeated_bytes = 0;
  for (const passages::Passage& p : all) repeated_bytes += p.end - p.begin;
  std::string html = absl::StrCat(
      "<section id=\"passages\"><h2>Repeated passages (", all.size(), ")</h2>",
      "<p>Each repeat is marked <mark class=\"passage legend\">like this</mark> in its document; "
      "the copy it repeats is marked <mark class=\"first legend\">like this</mark>. ",
      repeated_bytes, " bytes are repeats in total.</p>");
  if (all.empty()) return html + "<p class=\"none\">No repeated passages.</p></section>";
  // The longest passages, shown in document order.
  std::vector<size_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return all[a].words > all[b].words; });
  const size_t shown = std::min(order.size(), kMaxPassagesShown);
  order.resize(shown);
  std::sort(order.begin(), order.end());
  if (shown < all.size()) absl::StrAppend(&html, "<p>The ", shown, " longest passages.</p>");
  size_t over_budget = 0;
  for (size_t index : order) {
    std::string item = RenderPassage(data, index);
    if (html.size() + item.size() > budget) {
      ++over_budget;
      continue;
    }
    html += item;
  }
  html += OmittedNote(all.size() - shown, over_budget, "passages");
  return html + "</section>";
}

}  // namespace neardup::report
