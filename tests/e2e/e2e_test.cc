// End-to-end: neardup dedup on the seeds, on generated corpora with planted
// near-duplicates, and on bad input.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "bench/corpus_gen.h"
#include "e2e_support.h"
#include "neardup/pipeline.h"

namespace neardup {
namespace {

using testing::JsonLines;
using testing::Str;
using testing::TempDir;
namespace fs = std::filesystem;

Options SeedOptions(const fs::path& input, const fs::path& out) {
  Options options;
  options.inputs = {input.string()};
  options.output_dir = out.string();
  options.threads = 2;
  return options;
}

fs::path Seeds() { return fs::path(testing::SourceRoot()) / "samples" / "news"; }

// Replaces every `period`-th word (a run of letters) of `text` by a new word.
std::string ChangeWords(const std::string& text, size_t period) {
  std::string out;
  size_t word = 0;
  for (size_t i = 0; i < text.size();) {
    if (std::isalpha(static_cast<unsigned char>(text[i]))) {
      size_t end = i;
      while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
      out += (++word % period == 0) ? "zzchanged" + std::to_string(word) : text.substr(i, end - i);
      i = end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

TEST_CASE("the five seeds are five different articles") {
  TempDir tmp;
  absl::StatusOr<RunSummary> run = RunDedup(SeedOptions(Seeds(), tmp / "out"));
  REQUIRE(run.ok());
  CHECK(run->records == 5);
  CHECK(run->kept == 5);
  CHECK(run->clusters == 0);
  JsonLines decisions(tmp / "out" / "decisions.jsonl");
  REQUIRE(decisions.size() == 5);
  for (size_t i = 0; i < 5; ++i) CHECK(Str(decisions[i], "decision") == "kept");
  CHECK(Str(decisions[0], "id") == "000_41a3b0a77698bf8b.txt");
  CHECK(fs::file_size(tmp / "out" / "clusters.jsonl") == 0);
  CHECK(fs::exists(tmp / "out" / "corpus" / "news" / "002_8c62347850652e22.txt"));
  CHECK(fs::exists(tmp / "out" / "stats.json"));
}

TEST_CASE("a copy of seed 002 with 5% of its words changed clusters with 002") {
  TempDir tmp;
  fs::copy(Seeds(), tmp / "news");
  const std::string original = testing::ReadFile(Seeds() / "002_8c62347850652e22.txt");
  const std::string changed = ChangeWords(original, 20);
  REQUIRE(changed != original);
  testing::WriteFile(tmp / "news" / "002_copy.txt", changed);
  absl::StatusOr<RunSummary> run = RunDedup(SeedOptions(tmp / "news", tmp / "out"));
  REQUIRE(run.ok());
  CHECK(run->clusters == 1);
  CHECK(run->duplicates == 1);
  JsonLines clusters(tmp / "out" / "clusters.jsonl");
  REQUIRE(clusters.size() == 1);
  std::set<std::string> members;
  for (simdjson::dom::element m : clusters[0]["members"].get_array()) members.insert(Str(m, "id"));
  CHECK(members == std::set<std::string>{"002_8c62347850652e22.txt", "002_copy.txt"});
  // longest survives: the original's words are shorter than "zzchanged..."
  CHECK(Str(clusters[0], "survivor") == "002_copy.txt");
  CHECK_FALSE(fs::exists(tmp / "out" / "corpus" / "news" / "002_8c62347850652e22.txt"));
}

TEST_CASE("--verify signature clusters by the signatures' estimate, as exact verification does") {
  TempDir tmp;
  fs::copy(Seeds(), tmp / "news");
  const std::string original = testing::ReadFile(Seeds() / "002_8c62347850652e22.txt");
  testing::WriteFile(tmp / "news" / "002_copy.txt", ChangeWords(original, 20));
  std::map<VerifyMode, double> similarity;
  for (VerifyMode mode : {VerifyMode::kExact, VerifyMode::kSignature}) {
    Options options = SeedOptions(tmp / "news", tmp / "out");
    options.verify = mode;
    absl::StatusOr<RunSummary> run = RunDedup(options);
    REQUIRE(run.ok());
    CHECK(run->duplicates == 1);
    JsonLines clusters(tmp / "out" / "clusters.jsonl");
    REQUIRE(clusters.size() == 1);
    for (simdjson::dom::element m : clusters[0]["members"].get_array()) {
      if (Str(m, "id") == "002_8c62347850652e22.txt") similarity[mode] = m["similarity"].get_double();
    }
  }
  // An estimate is a count of equal slots out of 128.
  const double slots = similarity[VerifyMode::kSignature] * 128;
  CHECK(std::abs(slots - std::round(slots)) < 0.01);
  CHECK(similarity[VerifyMode::kSignature] == Approx(similarity[VerifyMode::kExact]).margin(0.15));
}

TEST_CASE("a dedup-only JSONL run, which reads texts from the raw lines, shows them in its report") {
  TempDir tmp;
  const std::string original = testing::ReadFile(Seeds() / "002_8c62347850652e22.txt");
  std::vector<bench::GeneratedDoc> docs(2);
  docs[0].id = "002";
  docs[0].text = original;
  docs[1].id = "002-copy";
  docs[1].text = ChangeWords(original, 20);
  testing::WriteFile(tmp / "news.jsonl", bench::ToJsonl(docs));
  Options options = SeedOptions(tmp / "news.jsonl", tmp / "out");
  options.passages.enabled = false;
  options.events.enabled = false;
  absl::StatusOr<RunSummary> run = RunDedup(options);
  REQUIRE(run.ok());
  CHECK(run->clusters == 1);
  CHECK(run->duplicates == 1);
  // The survivor (the longer copy) beside the original, with the words that
  // differ marked: both texts were decoded from their lines.
  const std::string report = testing::ReadFile(tmp / "out" / "report.html");
  CHECK(report.find("<del>zzchanged20") != std::string::npos);
  CHECK(report.find("<ins>") != std::string::npos);
  const std::string first_words = original.substr(0, original.find(' ', 20));
  CHECK(report.find(first_words) != std::string::npos);
}

// Recall over planted pairs whose true Jaccard is at least `min_jaccard`, and
// precision of all duplicate decisions, against the planted truth.
struct Quality {
  double recall = 0, precision = 0;
  size_t planted = 0, reported = 0;
};

Quality Measure(const std::vector<bench::GeneratedDoc>& docs, const fs::path& out,
                double min_jaccard) {
  JsonLines decisions(out / "decisions.jsonl");
  REQUIRE(decisions.size() == docs.size());
  std::map<std::string, const bench::GeneratedDoc*> by_id;
  for (const auto& doc : docs) by_id[doc.id] = &doc;
  std::set<std::pair<std::string, std::string>> truth;  // (original, copy)
  for (const auto& doc : docs) {
    if (doc.original < 0) continue;
    const std::string original = doc.id.substr(0, doc.id.size() - 5);  // strip "-copy"
    if (testing::IndependentJaccard(by_id.at(original)->text, doc.text) >= min_jaccard) {
      truth.insert({original, doc.id});
    }
  }
  size_t found = 0, reported = 0, correct = 0;
  for (simdjson::dom::element d : decisions.all()) {
    if (Str(d, "decision") != "duplicate") continue;
    ++reported;
    const std::string id = Str(d, "id");
    const std::string survivor = Str(d, "survivor");
    // A planted pair is doc-N and doc-N-copy: either may survive.
    const bool planted = id == survivor + "-copy" || survivor == id + "-copy";
    correct += planted;
    const auto pair = id.size() > survivor.size() ? std::pair{survivor, id} : std::pair{id, survivor};
    found += truth.count(pair);
  }
  Quality q;
  q.planted = truth.size();
  q.reported = reported;
  q.recall = q.planted ? static_cast<double>(found) / q.planted : 1.0;
  q.precision = reported ? static_cast<double>(correct) / reported : 1.0;
  return q;
}

TEST_CASE("planted pairs at J in [0.85, 1] are found at threshold 0.8 with recall and precision >= 0.99") {
  TempDir tmp;
  bench::CorpusSpec spec;
  spec.documents = 3000;
  spec.copy_fraction = 0.2;
  const auto docs = bench::GenerateCorpus(spec);
  testing::WriteFile(tmp / "corpus.jsonl", bench::ToJsonl(docs));
  Options options = SeedOptions(tmp / "corpus.jsonl", tmp / "out");
  options.sketch.threshold = 0.8;
  options.passages.enabled = false;
  options.events.enabled = false;
  absl::StatusOr<RunSummary> run = RunDedup(options);
  REQUIRE(run.ok());
  const Quality q = Measure(docs, tmp / "out", 0.85);
  std::printf("planted pairs with J >= 0.85: %zu, duplicates reported %zu, recall %.4f, precision %.4f\n", q.planted, q.reported,
              q.recall, q.precision);
  CHECK(q.planted > 500);
  CHECK(q.recall >= 0.99);
  CHECK(q.precision >= 0.99);
  CHECK(run->records == docs.size());
  CHECK(run->kept + run->duplicates + run->rejected == run->records);
}

std::map<std::string, std::string> OutputFiles(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    std::string contents = testing::ReadFile(entry.path());
    if (entry.path().filename() == "stats.json") {
      contents = contents.substr(0, contents.find("\"timings_seconds\""));  // wall clock varies
    }
    files[fs::relative(entry.path(), out).string()] = contents;
  }
  return files;
}

// Two paragraphs of Chinese news written for this test (different stories).
constexpr char kTradeTalks[] =
    "中美两国官员本周在北京举行了新一轮经贸磋商，双方就关税、出口管制以及农产品采购等议题进行了坦率而深入的交流。"
    "商务部发言人在例行记者会上表示，会谈取得了积极进展，双方同意保持沟通，并将在下个月继续举行工作层面的会议。"
    "分析人士认为，这次磋商释放出缓和紧张关系的信号，但在半导体和高科技领域的分歧仍然较大，短期内难以完全解决。"
    "市场对会谈结果反应平稳，上证指数小幅上涨，人民币汇率基本保持稳定。";
constexpr char kFloods[] =
    "受强降雨影响，南方多个省份出现严重洪涝灾害，部分地区河流水位超过警戒线。"
    "应急管理部已启动四级应急响应，派出工作组赶赴灾区指导抗洪救灾工作。"
    "据初步统计，已有数万名群众被紧急转移安置，多条高速公路和铁路线路暂时中断。"
    "气象部门预计，未来三天降雨仍将持续，提醒公众注意防范山体滑坡和泥石流等次生灾害，尽量减少外出。";

// Replaces every `period`-th Han character (3-byte UTF-8 sequence) by 某.
std::string ChangeHan(const std::string& text, size_t period) {
  std::string out;
  size_t han = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string ch = text.substr(i, len);
    const bool is_punctuation = ch == "，" || ch == "。" || ch == "、";
    out += (len == 3 && !is_punctuation && ++han % period == 0) ? "某" : ch;
    i += len;
  }
  return out;
}

TEST_CASE("a Chinese paragraph and a copy with 5% of its characters changed cluster; different ones do not") {
  TempDir tmp;
  const std::string changed = ChangeHan(kTradeTalks, 20);
  REQUIRE(changed != kTradeTalks);
  testing::WriteFile(tmp / "zh" / "trade.txt", kTradeTalks);
  testing::WriteFile(tmp / "zh" / "trade-copy.txt", changed);
  testing::WriteFile(tmp / "zh" / "floods.txt", kFloods);
  absl::StatusOr<RunSummary> run = RunDedup(SeedOptions(tmp / "zh", tmp / "out"));
  REQUIRE(run.ok());
  CHECK(run->clusters == 1);
  JsonLines clusters(tmp / "out" / "clusters.jsonl");
  REQUIRE(clusters.size() == 1);
  std::set<std::string> members;
  double similarity = 0;
  for (simdjson::dom::element m : clusters[0]["members"].get_array()) {
    members.insert(Str(m, "id"));
    if (Str(m, "id") != Str(clusters[0], "survivor")) CHECK(m["similarity"].get(similarity) == simdjson::SUCCESS);
  }
  CHECK(members == std::set<std::string>{"trade-copy.txt", "trade.txt"});
  std::printf("Chinese copy with 5%% of characters changed: Jaccard %.4f\n", similarity);
  CHECK(similarity > 0.6);
}

TEST_CASE("outputs are byte-identical with 1 and 2 threads") {
  TempDir tmp;
  bench::CorpusSpec spec;
  spec.documents = 1500;  // several chunks of the decisions and corpus writer
  spec.min_jaccard = 0.4;
  const auto docs = bench::GenerateCorpus(spec);
  testing::WriteFile(tmp / "corpus.jsonl", bench::ToJsonl(docs));
  Options options = SeedOptions(tmp / "corpus.jsonl", tmp / "one");
  options.threads = 1;
  REQUIRE(RunDedup(options).ok());
  options.output_dir = (tmp / "two").string();
  options.threads = 2;
  REQUIRE(RunDedup(options).ok());
  const auto one = OutputFiles(tmp / "one");
  const auto two = OutputFiles(tmp / "two");
  CHECK(one.size() >= 6);
  CHECK(one == two);
}

TEST_CASE("bad JSONL records are rejected with file and line, and every record is accounted for") {
  TempDir tmp;
  testing::WriteFile(tmp / "bad.jsonl",
                     "{\"id\":\"a\",\"text\":\"one two three four five six\"}\n"
                     "{\"id\":\"b\",\"text\":\n"
                     "{\"id\":\"c\",\"body\":\"no text field\"}\n"
                     "{\"id\":\"a\",\"text\":\"duplicate id here\"}\n"
                     "{\"id\":\"d\",\"text\":\"\"}\n");
  absl::StatusOr<RunSummary> run = RunDedup(SeedOptions(tmp / "bad.jsonl", tmp / "out"));
  REQUIRE(run.ok());
  CHECK(run->records == 5);
  CHECK(run->rejected == 3);
  CHECK(run->kept == 2);
  CHECK(run->empty == 1);
  JsonLines decisions(tmp / "out" / "decisions.jsonl");
  REQUIRE(decisions.size() == 5);
  const std::vector<std::string> expected{"kept", "rejected", "rejected", "rejected", "kept"};
  for (size_t i = 0; i < 5; ++i) {
    CHECK(Str(decisions[i], "decision") == expected[i]);
    uint64_t line = 0;
    CHECK(decisions[i]["line"].get(line) == simdjson::SUCCESS);
    CHECK(line == i + 1);
  }
  CHECK(Str(decisions[1], "reason").find("JSON") != std::string::npos);
  CHECK(Str(decisions[2], "reason").find("text") != std::string::npos);
  CHECK(Str(decisions[3], "reason").find("duplicate id") != std::string::npos);
  bool empty = false;
  CHECK(decisions[4]["empty"].get(empty) == simdjson::SUCCESS);
  CHECK(empty);
}

TEST_CASE("the cleaned JSONL corpus keeps every other field byte for byte") {
  TempDir tmp;
  const std::string line1 =
      "{\"id\": 7, \"text\": \"alpha beta gamma delta epsilon zeta\", \"extra\": {\"x\": [1, 2.50]}, \"url\":\"u\"}";
  const std::string line2 =
      "{\"id\": 8, \"text\": \"alpha beta gamma delta epsilon zeta\", \"extra\": null}";
  testing::WriteFile(tmp / "in.jsonl", line1 + "\n" + line2 + "\n");
  absl::StatusOr<RunSummary> run = RunDedup(SeedOptions(tmp / "in.jsonl", tmp / "out"));
  REQUIRE(run.ok());
  CHECK(run->duplicates == 1);
  CHECK(testing::ReadFile(tmp / "out" / "corpus" / "in.jsonl") == line1 + "\n");
}

TEST_CASE("an unreadable input is an error and leaves no output folder behind") {
  TempDir tmp;
  absl::StatusOr<RunSummary> run = RunDedup(SeedOptions(tmp / "missing.jsonl", tmp / "out"));
  REQUIRE_FALSE(run.ok());
  CHECK(std::string(run.status().message()).find("missing.jsonl") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "out"));
  for (const auto& entry : fs::directory_iterator(tmp.path())) {
    INFO(entry.path());
    CHECK(false);  // no temporary folder left either
  }
}

TEST_CASE("a second run replaces the old outputs as a whole") {
  TempDir tmp;
  testing::WriteFile(tmp / "out" / "stale.txt", "old");
  REQUIRE(RunDedup(SeedOptions(Seeds(), tmp / "out")).ok());
  CHECK_FALSE(fs::exists(tmp / "out" / "stale.txt"));
  CHECK(fs::exists(tmp / "out" / "decisions.jsonl"));
}

TEST_CASE("--keep newest and oldest choose by the date field") {
  TempDir tmp;
  const std::string text = "the same words in the same order for all three of these records";
  testing::WriteFile(tmp / "d.jsonl",
                     "{\"id\":\"mid\",\"date\":\"2024-05-02\",\"text\":\"" + text + "\"}\n"
                     "{\"id\":\"new\",\"date\":\"2024-05-09T10:00:00Z\",\"text\":\"" + text + "\"}\n"
                     "{\"id\":\"old\",\"date\":\"2024-04-30\",\"text\":\"" + text + "\"}\n");
  for (auto [policy, survivor] : {std::pair{KeepPolicy::kNewest, "new"},
                                  std::pair{KeepPolicy::kOldest, "old"},
                                  std::pair{KeepPolicy::kFirst, "mid"}}) {
    Options options = SeedOptions(tmp / "d.jsonl", tmp / "out");
    options.keep = policy;
    REQUIRE(RunDedup(options).ok());
    JsonLines clusters(tmp / "out" / "clusters.jsonl");
    REQUIRE(clusters.size() == 1);
    CHECK(Str(clusters[0], "survivor") == survivor);
  }
}

}  // namespace
}  // namespace neardup
