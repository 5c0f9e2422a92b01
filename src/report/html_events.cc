// The event groups section of report.html.
#include <algorithm>
#include <numeric>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "report/html_escape.h"
#include "report/html_sections.h"

namespace neardup::report {
namespace {

std::string RenderEvent(const ReportData& data, size_t index) {
  const events::EventGroup& group = data.analysis.events[index];
  std::string html = absl::StrCat("<section class=\"event\" id=\"event-", index + 1,
                                  "\" data-size=\"", group.members.size(), "\"><h3>Event ",
                                  index + 1, ": ", group.members.size(), " articles");
  if (!group.first_date.empty()) {
    absl::StrAppend(&html, ", ", Field(group.first_date),
                    group.last_date != group.first_date ? absl::StrCat(" to ", Field(group.last_date))
                                                        : "");
  }
  html += "</h3><ul class=\"labels\">";
  for (const std::string& label : group.labels) {
    absl::StrAppend(&html, "<li class=\"label\">", Field(label), "</li>");
  }
  html += "</ul><table class=\"list\"><thead><tr><th>Id</th><th>Title</th><th>Date</th>"
          "<th>Source</th><th>Similarity</th></tr></thead><tbody>";
  std::string text;
  for (size_t m = 0; m < group.members.size() && m < kMaxMembersShown; ++m) {
    const events::EventMember& member = group.members[m];
    const auto slot = static_cast<uint32_t>(data.corpus.records[member.doc].slot);
    const pipeline::ScannedDoc& doc = data.corpus.docs[slot];
    absl::StrAppend(&html, "<tr class=\"member\" data-doc=\"", Field(doc.id), "\"><td>",
                    Field(doc.id), "</td><td>", Escaped(FirstLine(SlotText(data, slot, &text))),
                    "</td><td>", Field(doc.date), "</td><td>", Field(doc.source), "</td><td>",
                    absl::StrFormat("%.4f", member.similarity), "</td></tr>");
  }
  html += "</tbody></table>";
  if (group.members.size() > kMaxMembersShown) {
    html += OmittedNote(group.members.size() - kMaxMembersShown, 0, "articles");
  }
  return html + "</section>";
}

}  // namespace

std::string EventsSection(const ReportData& data, size_t budget) {
  const auto& all = data.analysis.events;
  std::string html = absl::StrCat(
      "<section id=\"events\"><h2>Event groups (", all.size(), ")</h2>",
      "<p>Different articles about the same event: they are all kept. Similarity is the mean "
      "cosine to the other members.</p>");
  if (all.empty()) return html + "<p class=\"none\">No event groups.</p></section>";
  // The largest groups, shown in group order.
  std::vector<size_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return all[a].members.size() > all[b].members.size();
  });
  const size_t shown = std::min(order.size(), kMaxEventsShown);
  order.resize(shown);
  std::sort(order.begin(), order.end());
  if (shown < all.size()) absl::StrAppend(&html, "<p>The ", shown, " largest groups.</p>");
  size_t over_budget = 0;
  for (size_t index : order) {
    std::string item = RenderEvent(data, index);
    if (html.size() + item.size() > budget) {
      ++over_budget;
      continue;
    }
    html += item;
  }
  html += OmittedNote(all.size() - shown, over_budget, "event groups");
  return html + "</section>";
}

}  // namespace neardup::report
