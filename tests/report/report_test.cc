// report.html end to end: neardup runs on the seeds and on generated JSONL,
// and the page is checked against the run's other outputs.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "../e2e/e2e_support.h"
#include "io/json_writer.h"
#include "neardup/pipeline.h"
#include "report/html_escape.h"

namespace neardup {
namespace {

using testing::JsonLines;
using testing::ReadFile;
using testing::Str;
using testing::TempDir;
namespace fs = std::filesystem;

Options RunOptions(const fs::path& input, const fs::path& out, int threads = 2) {
  Options options;
  options.inputs = {input.string()};
  options.output_dir = out.string();
  options.threads = threads;
  options.quiet = true;
  return options;
}

fs::path Seeds() { return fs::path(testing::SourceRoot()) / "samples" / "news"; }

size_t Count(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// The text of the element that starts at `open_tag` up to the next `close`.
std::string Inside(const std::string& html, const std::string& open_tag, std::string_view close) {
  const size_t begin = html.find(open_tag);
  if (begin == std::string::npos) return "";
  const size_t end = html.find(close, begin);
  return html.substr(begin + open_tag.size(), end - begin - open_tag.size());
}

// Every <section class="KIND" ...> ... </section> (sections of a kind do not nest).
std::vector<std::string> Sections(const std::string& html, std::string_view kind) {
  std::vector<std::string> out;
  const std::string open = "<section class=\"" + std::string(kind) + "\"";
  for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    out.push_back(html.substr(at, html.find("</section>", at) - at));
  }
  return out;
}

// The value of the summary cell data-field="FIELD".
std::string SummaryCell(const std::string& html, const std::string& field) {
  return Inside(html, "<td data-field=\"" + field + "\">", "</td>");
}

std::string JsonRecord(std::string_view id, std::string_view text, std::string_view source = "",
                       std::string_view date = "") {
  io::JsonLine line;
  line.StartObject().Field("id", id).Field("text", text);
  if (!source.empty()) line.Field("source", source);
  if (!date.empty()) line.Field("date", date);
  return std::string(line.EndObject().view()) + "\n";
}

// A text of `words` words all its own (prefix `tag`), so texts with
// different tags share no shingle.
std::string UniqueText(const std::string& tag, int words) {
  std::string text;
  for (int i = 0; i < words; ++i) text += tag + "w" + std::to_string(i) + (i % 12 == 11 ? ".\n" : " ");
  return text;
}

TEST_CASE("the seeds' report is self-contained and agrees with stats.json") {
  TempDir tmp;
  REQUIRE(RunDedup(RunOptions(Seeds(), tmp / "out")).ok());
  const std::string html = ReadFile(tmp / "out" / "report.html");
  REQUIRE(html.rfind("<!DOCTYPE html>", 0) == 0);
  // Nothing to fetch: no external references, no scripts at all.
  for (const char* bad : {"src=\"http", "href=\"http", "src='http", "href='http", "<script",
                          "<link", "@import", "url("}) {
    INFO(bad);
    CHECK(html.find(bad) == std::string::npos);
  }
  simdjson::dom::parser parser;
  const std::string stats_text = ReadFile(tmp / "out" / "stats.json");
  simdjson::dom::element stats = parser.parse(stats_text).value();
  for (const char* field : {"records", "kept", "duplicates", "rejected", "empty", "repaired",
                            "clusters", "passages", "events", "input_bytes", "history_duplicates"}) {
    INFO(field);
    CHECK(SummaryCell(html, field) == std::to_string(uint64_t(stats[field])));
  }
  CHECK(SummaryCell(html, "bands") == std::to_string(uint64_t(stats["parameters"]["bands"])));
  CHECK(SummaryCell(html, "rows") == std::to_string(uint64_t(stats["parameters"]["rows"])));
  // Cut bytes add up to what decisions.jsonl reports per document.
  uint64_t cut = 0;
  const JsonLines decisions(tmp / "out" / "decisions.jsonl");
  for (simdjson::dom::element d : decisions.all()) {
    uint64_t bytes = 0;
    if (d["cut_bytes"].get(bytes) == simdjson::SUCCESS) cut += bytes;
  }
  CHECK(cut > 0);
  CHECK(SummaryCell(html, "cut_bytes") == std::to_string(cut));
}

TEST_CASE("the seeds' report marks 000's repeated body and groups 002 with 004") {
  TempDir tmp;
  REQUIRE(RunDedup(RunOptions(Seeds(), tmp / "out")).ok());
  const std::string html = ReadFile(tmp / "out" / "report.html");
  const std::string seed000 = "000_41a3b0a77698bf8b.txt";

  // The mark holds exactly the repeat passages.jsonl names, escaped.
  JsonLines passages(tmp / "out" / "passages.jsonl");
  REQUIRE(passages.size() >= 1);
  REQUIRE(Str(passages[0], "doc") == seed000);
  const uint64_t begin = uint64_t(passages[0]["begin"]);
  const uint64_t end = uint64_t(passages[0]["end"]);
  const std::string text = ReadFile(Seeds() / seed000);
  CHECK(end - begin > text.size() / 3);  // the whole second copy of the body
  const std::string mark_open = "<mark class=\"passage\" data-doc=\"" + seed000 +
                                "\" data-begin=\"" + std::to_string(begin) + "\" data-end=\"" +
                                std::to_string(end) + "\">";
  REQUIRE(html.find(mark_open) != std::string::npos);
  CHECK(Inside(html, mark_open, "</mark>") == report::Escaped(text.substr(begin, end - begin)));

  // One event section holds both Blinken-Xi articles.
  bool together = false;
  for (const std::string& event : Sections(html, "event")) {
    together |= event.find("data-doc=\"002_8c62347850652e22.txt\"") != std::string::npos &&
                event.find("data-doc=\"004_7c4914b47a5c438c.txt\"") != std::string::npos;
  }
  CHECK(together);
  // The repaired seed is listed with its code page.
  CHECK(html.find("<tr data-doc=\"003_ad1b164110e9592f.txt\"><td>003_ad1b164110e9592f.txt</td>"
                  "<td>windows-874</td>") != std::string::npos);
}

TEST_CASE("corpus text and ids that look like markup are shown as text") {
  TempDir tmp;
  const std::string evil = "<script>alert(1)</script>\"quoted\" 'single' & <img src=x onerror=alert(2)>";
  const std::string body = UniqueText("x", 120);
  std::string jsonl = JsonRecord(evil, evil + "\n" + body, "<b>outlet</b>", "2024-04-26");
  jsonl += JsonRecord(evil + "2", evil + "\n" + body + " extra words", "<b>outlet</b>", "2024-04-26");
  jsonl += JsonRecord("third", UniqueText("y", 80) + evil, "\"src\"");
  testing::WriteFile(tmp / "in.jsonl", jsonl);
  REQUIRE(RunDedup(RunOptions(tmp / "in.jsonl", tmp / "out")).ok());
  const std::string html = ReadFile(tmp / "out" / "report.html");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>outlet") == std::string::npos);
  const std::string escaped = report::Escaped(evil);
  CHECK(escaped.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;quoted&quot; &#39;single&#39; &amp;") == 0);
  CHECK(Count(html, escaped) >= 3);  // in the cluster table, the diff, the third text's excerpt
  CHECK(html.find("data-doc=\"" + escaped + "\"") != std::string::npos);
  CHECK(html.find("data-source=\"&lt;b&gt;outlet&lt;/b&gt;\"") != std::string::npos);
}

TEST_CASE("clusters show members, the most different pair as a word diff, and per-source shares") {
  TempDir tmp;
  std::string jsonl;
  // Cluster: a survivor (longest), a one-word change, and a two-word change.
  const std::string base = UniqueText("c", 200);
  std::string one = base, two = base;
  one.replace(one.find("cw50 "), 5, "ALTERED ");
  two.replace(two.find("cw50 "), 5, "ALTERED ");
  two.replace(two.find("cw120 "), 6, "CHANGED ");
  jsonl += JsonRecord("survivor", base + " closing words", "A");
  jsonl += JsonRecord("one", one, "A");
  jsonl += JsonRecord("two", two, "B");
  jsonl += JsonRecord("alone", UniqueText("d", 150), "B");
  testing::WriteFile(tmp / "in.jsonl", jsonl);
  REQUIRE(RunDedup(RunOptions(tmp / "in.jsonl", tmp / "out")).ok());
  const std::string html = ReadFile(tmp / "out" / "report.html");

  const std::vector<std::string> clusters = Sections(html, "cluster");
  REQUIRE(clusters.size() == 1);
  const std::string& cl = clusters[0];
  CHECK(cl.find("data-size=\"3\"") != std::string::npos);
  CHECK(cl.find("<tr class=\"survivor\" data-doc=\"survivor\">") != std::string::npos);
  CHECK(Count(cl, "<tr class=\"duplicate\"") == 2);
  // The pair is the survivor against "two", the least similar member.
  CHECK(cl.find("data-left=\"survivor\" data-right=\"two\"") != std::string::npos);
  CHECK(cl.find("<del>cw50 </del>") != std::string::npos);
  CHECK(cl.find("<ins>ALTERED </ins>") != std::string::npos);
  CHECK(cl.find("<ins>CHANGED </ins>") != std::string::npos);
  CHECK(cl.find("<del>closing words</del>") != std::string::npos);

  // Per source: A has 2 documents, 1 duplicate; B has 2 and 1.
  CHECK(html.find("<tr class=\"source\" data-source=\"A\"><td>A</td><td data-field=\"documents\">2"
                  "</td><td data-field=\"duplicates\">1</td>") != std::string::npos);
  CHECK(html.find("<tr class=\"source\" data-source=\"B\"><td>B</td><td data-field=\"documents\">2"
                  "</td><td data-field=\"duplicates\">1</td>") != std::string::npos);
}

TEST_CASE("large runs are capped by count and by size, and the report is deterministic") {
  TempDir tmp;
  std::string jsonl;
  // 60 clusters of 2 documents whose texts are mostly quotes, which escaping
  // makes six times longer: the size budget bites before the count cap.
  for (int c = 0; c < 60; ++c) {
    std::string text;
    for (int i = 0; i < 500; ++i) text += "q" + std::to_string(c) + "_" + std::to_string(i) + std::string(10, '"') + " ";
    jsonl += JsonRecord("a" + std::to_string(c), text);
    jsonl += JsonRecord("b" + std::to_string(c), text + "\"tail\"");
  }
  testing::WriteFile(tmp / "in.jsonl", jsonl);
  REQUIRE(RunDedup(RunOptions(tmp / "in.jsonl", tmp / "out", 1)).ok());
  REQUIRE(RunDedup(RunOptions(tmp / "in.jsonl", tmp / "out2", 2)).ok());
  const std::string html = ReadFile(tmp / "out" / "report.html");
  CHECK(html == ReadFile(tmp / "out2" / "report.html"));
  CHECK(SummaryCell(html, "clusters") == "60");
  CHECK(html.size() < (5u << 20));
  const size_t shown = Sections(html, "cluster").size();
  CHECK(shown > 0);
  CHECK(shown < 50);
  const std::string note = Inside(html, "<p class=\"omitted\" data-omitted=\"", "</p>");
  CHECK(note.rfind(std::to_string(60 - shown) + "\">", 0) == 0);
  CHECK(note.find("10 more clusters (count cap)") != std::string::npos);
  CHECK(note.find(std::to_string(50 - shown) + " clusters (size limit)") != std::string::npos);
}

}  // namespace
}  // namespace neardup
