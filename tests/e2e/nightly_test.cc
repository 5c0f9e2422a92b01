// Nightly runs against a persistent index: matches with history, idempotent
// re-runs, parameter checks and the single-writer lock.
#include <catch2/catch.hpp>

#include <map>

#include "bench/corpus_gen.h"
#include "e2e_support.h"
#include "index/history_index.h"
#include "neardup/pipeline.h"
#include "rocksdb/db.h"

namespace neardup {
namespace {

using testing::JsonLines;
using testing::Str;
using testing::TempDir;
namespace fs = std::filesystem;

// Three nights cut from one generated corpus: night 1 holds originals
// [0, 1000); night 2 the near-copies of those plus originals [1000, 1500);
// night 3 the near-copies of [1000, 1500) plus originals [1500, 2000).
struct Nights {
  std::vector<bench::GeneratedDoc> docs[3];
};

Nights MakeNights() {
  bench::CorpusSpec spec;
  spec.documents = 2000;
  spec.copy_fraction = 0.3;
  Nights nights;
  for (auto& doc : bench::GenerateCorpus(spec)) {
    const size_t n = static_cast<size_t>(
        std::stoul(doc.id.substr(4, 7)));  // "doc-NNNNNNN[-copy]"
    const int band = n < 1000 ? 0 : n < 1500 ? 1 : 2;
    const int night = doc.original >= 0 ? band + 1 : band;
    if (night < 3) nights.docs[night].push_back(std::move(doc));
  }
  return nights;
}

Options NightOptions(const fs::path& input, const fs::path& out, const fs::path& index) {
  Options options;
  options.inputs = {input.string()};
  options.output_dir = out.string();
  options.index_dir = index.string();
  options.threads = 2;
  options.passages.enabled = false;
  options.events.enabled = false;
  return options;
}

TEST_CASE("re-scraped articles are duplicates of the earlier night's ids, with within-night recall") {
  TempDir tmp;
  const Nights nights = MakeNights();
  std::map<std::string, const bench::GeneratedDoc*> by_id;
  for (const auto& night : nights.docs) {
    for (const auto& doc : night) by_id[doc.id] = &doc;
  }
  for (int night = 0; night < 3; ++night) {
    const fs::path input = tmp / ("night" + std::to_string(night) + ".jsonl");
    testing::WriteFile(input, bench::ToJsonl(nights.docs[night]));
    const fs::path out = tmp / ("out" + std::to_string(night));
    absl::StatusOr<RunSummary> run = RunDedup(NightOptions(input, out, tmp / "index"));
    REQUIRE(run.ok());
    JsonLines decisions(out / "decisions.jsonl");
    REQUIRE(decisions.size() == nights.docs[night].size());
    size_t planted = 0, found = 0, wrong = 0;
    for (simdjson::dom::element d : decisions.all()) {
      const std::string id = Str(d, "id");
      const bench::GeneratedDoc& doc = *by_id.at(id);
      const bool is_copy = doc.original >= 0;
      const std::string original = is_copy ? id.substr(0, id.size() - 5) : "";
      const bool expected = is_copy && testing::IndependentJaccard(by_id.at(original)->text, doc.text) >= 0.85;
      if (Str(d, "decision") == "duplicate") {
        bool history = false;
        CHECK(d["history"].get(history) == simdjson::SUCCESS);
        CHECK(history);
        if (Str(d, "survivor") == original) {
          found += expected;
        } else {
          ++wrong;
        }
      }
      planted += expected;
    }
    std::printf("night %d: %zu records, %zu planted re-scrapes with J >= 0.85, %zu found, %zu wrong\n",
                night + 1, decisions.size(), planted, found, wrong);
    CHECK(wrong == 0);
    if (night == 0) {
      CHECK(planted == 0);
    } else {
      CHECK(planted > 100);
      CHECK(found >= 0.99 * planted);
    }
  }
}

TEST_CASE("re-running a night gives the same outputs and adds nothing twice") {
  TempDir tmp;
  const Nights nights = MakeNights();
  testing::WriteFile(tmp / "n0.jsonl", bench::ToJsonl(nights.docs[0]));
  testing::WriteFile(tmp / "n1.jsonl", bench::ToJsonl(nights.docs[1]));
  REQUIRE(RunDedup(NightOptions(tmp / "n0.jsonl", tmp / "o0", tmp / "index")).ok());
  REQUIRE(RunDedup(NightOptions(tmp / "n1.jsonl", tmp / "a", tmp / "index")).ok());
  const auto count_docs = [&] {
    auto index = index::HistoryIndex::Open((tmp / "index").string(), std::nullopt, true);
    REQUIRE(index.ok());
    return (*index)->List()->size();
  };
  const size_t after_first = count_docs();
  REQUIRE(RunDedup(NightOptions(tmp / "n1.jsonl", tmp / "b", tmp / "index")).ok());
  CHECK(count_docs() == after_first);
  CHECK(testing::ReadFile(tmp / "a" / "decisions.jsonl") ==
        testing::ReadFile(tmp / "b" / "decisions.jsonl"));
  CHECK(testing::ReadFile(tmp / "a" / "clusters.jsonl") ==
        testing::ReadFile(tmp / "b" / "clusters.jsonl"));
  auto index = index::HistoryIndex::Open((tmp / "index").string(), std::nullopt, true);
  REQUIRE(index.ok());
  CHECK((*index)->Verify()->empty());
}

TEST_CASE("an index built with other parameters is refused, a busy index fails fast") {
  TempDir tmp;
  const fs::path seeds = fs::path(testing::SourceRoot()) / "samples" / "news";
  REQUIRE(RunDedup(NightOptions(seeds, tmp / "o1", tmp / "index")).ok());
  Options other = NightOptions(seeds, tmp / "o2", tmp / "index");
  other.sketch.word_ngram = 4;
  absl::StatusOr<RunSummary> refused = RunDedup(other);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(refused.status().message()).find("ngram=5") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "o2"));

  // While one writer holds the index, a second is refused at once.
  index::IndexParams params;
  auto holder = index::HistoryIndex::Open((tmp / "index").string(), std::nullopt, false);
  REQUIRE(holder.ok());
  absl::StatusOr<RunSummary> busy = RunDedup(NightOptions(seeds, tmp / "o3", tmp / "index"));
  REQUIRE_FALSE(busy.ok());
  CHECK(busy.status().code() == absl::StatusCode::kAborted);
  CHECK(std::string(busy.status().message()).find("in use") != std::string::npos);
  holder->reset();
  CHECK(RunDedup(NightOptions(seeds, tmp / "o3", tmp / "index")).ok());
}

TEST_CASE("an index from before --sketch holds classic signatures and serves only classic runs") {
  TempDir tmp;
  const Nights nights = MakeNights();
  testing::WriteFile(tmp / "n0.jsonl", bench::ToJsonl(nights.docs[0]));
  testing::WriteFile(tmp / "n1.jsonl", bench::ToJsonl(nights.docs[1]));
  Options classic = NightOptions(tmp / "n0.jsonl", tmp / "o0", tmp / "index");
  classic.sketch.scheme = SketchScheme::kClassic;
  REQUIRE(RunDedup(classic).ok());
  {
    // Rewrite the parameters as neardup wrote them before --sketch existed.
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::Options(), (tmp / "index").string(), &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    std::string params;
    REQUIRE(db->Get(rocksdb::ReadOptions(), "P", &params).ok());
    const std::string suffix = " sketch=classic";
    REQUIRE(params.size() > suffix.size());
    REQUIRE(params.substr(params.size() - suffix.size()) == suffix);
    params.resize(params.size() - suffix.size());
    REQUIRE(db->Put(rocksdb::WriteOptions(), "P", params).ok());
  }
  absl::StatusOr<RunSummary> fast = RunDedup(NightOptions(tmp / "n1.jsonl", tmp / "o1", tmp / "index"));
  REQUIRE_FALSE(fast.ok());
  CHECK(fast.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(fast.status().message()).find("sketch=classic") != std::string::npos);
  CHECK(std::string(fast.status().message()).find("--sketch") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "o1"));

  classic.inputs = {(tmp / "n1.jsonl").string()};
  classic.output_dir = (tmp / "o1").string();
  absl::StatusOr<RunSummary> night2 = RunDedup(classic);
  REQUIRE(night2.ok());
  CHECK(night2->history_duplicates > 100);
}

TEST_CASE("forget drops old documents and keeps the index consistent") {
  TempDir tmp;
  testing::WriteFile(tmp / "d.jsonl",
                     "{\"id\":\"old\",\"date\":\"2001-01-01\",\"text\":\"an old story about the harbour bridge and its repairs\"}\n"
                     "{\"id\":\"new\",\"date\":\"2999-01-01\",\"text\":\"a story from the far future about a city on the moon\"}\n");
  REQUIRE(RunDedup(NightOptions(tmp / "d.jsonl", tmp / "o", tmp / "index")).ok());
  auto index = index::HistoryIndex::Open((tmp / "index").string(), std::nullopt, false);
  REQUIRE(index.ok());
  absl::StatusOr<uint64_t> forgotten = (*index)->ForgetBefore(365 * 40);  // about 2010
  REQUIRE(forgotten.ok());
  CHECK(*forgotten == 1);
  auto docs = (*index)->List();
  REQUIRE(docs->size() == 1);
  CHECK((*docs)[0].id == "new");
  CHECK((*index)->Verify()->empty());
  CHECK((*index)->Compact().ok());
  CHECK((*index)->Stats()->documents == 1);
}

}  // namespace
}  // namespace neardup
