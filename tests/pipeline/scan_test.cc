// Tests for ScanInputs, which parses JSONL lines in its worker threads and
// admits ids afterwards in input order: the records are those the serial
// reader gives, the first accepted record of an id wins across batches, and
// everything is the same for any thread count.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "e2e_support.h"
#include "scan_support.h"
#include "io/record_reader.h"
#include "pipeline/corpus.h"

namespace neardup {
namespace {

using testing::TempDir;

std::string Line(const std::string& id, int i) {
  return "{\"id\":\"" + id + "\",\"text\":\"word" + std::to_string(i % 97) + " word" +
         std::to_string(i % 89) + " and words " + std::to_string(i % 13) + " number " +
         std::to_string(i) + "\"}\n";
}

// Lines 1..6000 of a.jsonl, more than two batches of records: line L has
// the id "r<L>" except where noted. Then b.jsonl repeats ids of a.jsonl.
std::vector<std::string> WriteInputs(const TempDir& tmp, std::string* a_path) {
  std::string a;
  for (int line = 1; line <= 6000; ++line) {
    std::string id = "r" + std::to_string(line);
    if (line == 7 || line == 3333) {
      a += " \r\n";  // blank: records and lines are numbered apart
      continue;
    }
    if (line == 30) {
      a += "{\"id\":\"late\",\"text\":5}\n";  // rejected: its id is free for line 4000
      continue;
    }
    if (line == 31) {
      a += "{broken\n";
      continue;
    }
    if (line == 32) {
      a += "{\"id\":\"big\",\"text\":\"" + std::string(2000, 'b') + "\"}\n";
      continue;
    }
    if (line == 33) {
      a += "{\"id\":\"bad\",\"text\":\"invalid \xC3 UTF-8\"}\n";
      continue;
    }
    if (line == 34) {
      a += "{\"text\":\"no id here\"}\n";
      continue;
    }
    if (line == 4000 || line == 5000) id = "late";
    if (line >= 2000 && line < 2100) id = "run";  // one run across a batch boundary
    if (line >= 2100 && line < 2200) id = "r" + std::to_string(line - 2000);  // an earlier batch's
    a += Line(id, line);
  }
  *a_path = (tmp / "a.jsonl").string();
  testing::WriteFile(*a_path, a);
  std::string b = Line("r5", 1) + Line("late", 2) + Line("r6001", 3) + Line("r6001", 4);
  testing::WriteFile(tmp / "b.jsonl", b);
  return {*a_path, (tmp / "b.jsonl").string()};
}

TEST_CASE("scan: records parsed in the workers are the serial reader's, for any thread count") {
  TempDir tmp;
  Options options;
  std::string a;
  options.inputs = WriteInputs(tmp, &a);
  options.input.max_record_bytes = 1000;

  // The serial reader: parsing and duplicate ids in one thread.
  std::vector<Record> serial;
  auto reader = io::OpenRecordReader(options.inputs, options.input);
  REQUIRE(reader.ok());
  for (Record record;;) {
    absl::StatusOr<bool> more = (*reader)->Next(&record);
    REQUIRE(more.ok());
    if (!*more) break;
    serial.push_back(record);
  }
  REQUIRE(serial.size() == 5998 + 4);

  std::vector<std::unique_ptr<pipeline::ScannedCorpus>> scans;
  for (int threads : {1, 2, 3}) {
    options.threads = threads;
    scans.push_back(testing::ScanToCorpus(options, tmp / ("scan" + std::to_string(threads))));
  }
  const pipeline::ScannedCorpus& one = *scans[0];
  REQUIRE(one.records.size() == serial.size());
  for (size_t i = 0; i < serial.size(); ++i) {
    INFO("record " << i << " " << serial[i].id);
    const pipeline::RecordOutcome& outcome = one.records[i];
    CHECK(outcome.input == serial[i].input);
    CHECK(outcome.line == serial[i].origin.line);
    CHECK(outcome.id == serial[i].id);
    CHECK(outcome.rejection == serial[i].rejection);
    CHECK(outcome.invalid_utf8_replaced == serial[i].invalid_utf8_replaced);
    if (outcome.slot >= 0) {
      const uint32_t slot = static_cast<uint32_t>(outcome.slot);
      CHECK(one.docs[slot].record == i);
      std::string text;
      CHECK(one.OriginalText(slot, &text) == serial[i].text);
      CHECK(one.Raw(slot) == serial[i].raw);
    }
  }
  // A run that needs no signatures (no index, exact verification, no ranks)
  // spills none, and has the same band keys and all else.
  REQUIRE_FALSE(pipeline::NeedsSignatures(options, /*ships=*/false));
  scans.push_back(testing::ScanToCorpus(options, tmp / "unsigned", std::nullopt,
                                        /*keep_signatures=*/false));
  CHECK_FALSE(scans.back()->signature_spill.has_value());
  CHECK_FALSE(std::filesystem::exists(tmp / "unsigned" / "signatures"));
  CHECK(std::filesystem::exists(tmp / "scan1" / "signatures"));
  for (size_t t = 1; t < scans.size(); ++t) {
    const pipeline::ScannedCorpus& other = *scans[t];
    INFO("scan " << t);
    testing::CheckSameCorpus(one, other);
    for (uint32_t slot = 0; slot < one.docs.size(); ++slot) {
      INFO("slot " << slot);
      CHECK(other.docs[slot].raw_in_input == one.docs[slot].raw_in_input);
    }
  }

  // What the records are, so that the reader and the scan cannot be wrong
  // together: the first accepted record of an id wins, wherever the batches
  // are cut.
  std::map<uint64_t, const pipeline::RecordOutcome*> at;  // a.jsonl's, by line
  for (const pipeline::RecordOutcome& r : one.records) {
    if (r.input == 0) at[r.line] = &r;
  }
  auto first_seen = [&](uint64_t line) { return "duplicate id (first seen at " + a + ":" +
                                                std::to_string(line) + ")"; };
  CHECK(at.count(7) == 0);
  CHECK(at[30]->rejection == "text field 'text' is not a string");
  CHECK(at[31]->rejection.rfind("malformed JSON", 0) == 0);
  CHECK(at[31]->id == "a.jsonl:31");
  CHECK(at[32]->rejection.rfind("record too large (", 0) == 0);
  CHECK(at[33]->invalid_utf8_replaced == 1);
  CHECK(at[33]->rejection.empty());
  CHECK(at[34]->id == "a.jsonl:34");
  CHECK(at[2000]->rejection.empty());
  for (uint64_t line = 2001; line < 2100; ++line) CHECK(at[line]->rejection == first_seen(2000));
  for (uint64_t line = 2100; line < 2200; ++line) {
    CHECK(at[line]->rejection == first_seen(line - 2000));
  }
  CHECK(at[4000]->rejection.empty());
  CHECK(at[5000]->rejection == first_seen(4000));
  const size_t n = one.records.size();
  CHECK(one.records[n - 4].rejection == first_seen(5));
  CHECK(one.records[n - 3].rejection == first_seen(4000));
  CHECK(one.records[n - 2].rejection.empty());
  CHECK(one.records[n - 1].rejection == "duplicate id (first seen at " + options.inputs[1] + ":3)");
  size_t duplicates = 0;
  for (const pipeline::RecordOutcome& r : one.records) {
    duplicates += r.rejection.rfind("duplicate id", 0) == 0;
  }
  CHECK(duplicates == 99 + 100 + 1 + 3);
}

}  // namespace
}  // namespace neardup
