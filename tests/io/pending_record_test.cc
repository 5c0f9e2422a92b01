// Tests for reading records pending (RecordReader::NextPending), completing
// them on other threads (RecordParser) and admitting their ids in order
// (IdRegistry): the same records as the serial Next().
#include "io/pending_record.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "io/id_registry.h"
#include "io/record_reader.h"
#include "test_files.h"

namespace neardup::io {
namespace {

using testing::TempDir;
using testing::WriteFile;

// A record as read, with where its raw bytes were located.
struct Located {
  Record record;
  std::optional<RawLocation> location;
};

// Every record of `inputs` through Next().
std::vector<Located> ReadSerially(const std::vector<std::string>& inputs,
                                  const InputOptions& options) {
  return testing::ReadEach<Located>(inputs, options, [](RecordReader& reader, Located* item) {
    absl::StatusOr<bool> more = reader.Next(&item->record);
    item->location = reader.LastRawLocation();
    return more;
  });
}

// Every record of `inputs` through NextPending().
std::vector<PendingRecord> ReadPending(const std::vector<std::string>& inputs,
                                       const InputOptions& options) {
  return testing::ReadEach<PendingRecord>(
      inputs, options,
      [](RecordReader& reader, PendingRecord* item) { return reader.NextPending(item); });
}

// Completes `pending` on two threads, each with its own parser, each taking
// every other record from the last to the first (so no record is completed
// right after the one before it by the same parser), then admits the ids in
// input order.
std::vector<Located> CompleteOutOfOrder(std::vector<PendingRecord> pending,
                                        const std::vector<std::string>& inputs,
                                        const InputOptions& options) {
  std::vector<std::optional<RawLocation>> locations(pending.size());
  auto complete = [&](size_t parity) {
    RecordParser parser(options);
    for (size_t i = pending.size(); i-- > 0;) {
      if (i % 2 == parity) locations[i] = parser.Complete(&pending[i]);
    }
  };
  std::thread other(complete, 1);
  complete(0);
  other.join();
  IdRegistry ids(inputs);
  std::vector<Located> records;
  for (size_t i = 0; i < pending.size(); ++i) {
    ids.Admit(&pending[i].record);
    records.push_back({std::move(pending[i].record), std::move(locations[i])});
  }
  return records;
}

// Two JSONL inputs (one gzip) and a .txt folder with every kind of line a
// reader meets, ids repeated within and across inputs.
std::vector<std::string> WriteInputs(const TempDir& dir) {
  std::string a = "\xEF\xBB\xBF{\"id\":\"x\",\"text\":\"first, with a BOM\"}\r\n";
  a += "\n   \t\r\n";                                          // blank lines 2, 3
  a += "{\"id\":\"x\",\"text\":\"a repeat of line 1\"}\n";      // line 4: duplicate
  a += "{\"id\":\"y\",\"text\":5}\n";                           // 5: text not a string
  a += "{\"id\":\"y\",\"text\":\"accepted: the first y was not\"}\n";  // 6
  a += "{\"id\":\"z\",\"text\":\"bad \xFF utf-8\"}\n";           // 7: repaired
  a += "{\"id\":\"big\",\"text\":\"" + std::string(300, 'b') + "\"}\n";  // 8: oversized
  a += "{broken\n";                                            // 9: malformed
  a += "{\"text\":\"no id\",\"date\":\"2024-01-02\",\"source\":\"s\"}\n";  // 10
  a += "{\"id\":7,\"text\":\"numeric id\"}\n";                  // 11
  for (int i = 0; i < 40; ++i) {
    a += "{\"id\":\"n" + std::to_string(i % 30) + "\",\"text\":\"line " + std::to_string(i) +
         "\",\"url\":\"u\"}\n";                                 // 12..51: n0..n9 repeat
  }
  a += "{\"id\":\"last\",\"text\":\"no newline\"}";
  WriteFile(dir.Path("a.jsonl"), a);
  WriteFile(dir.Path("b.jsonl.gz"),
            testing::GzipCompress("{\"id\":\"n3\",\"text\":\"repeat from a\"}\n"
                                  "{\"id\":\"one.txt\",\"text\":\"a txt id, later\"}\n"));
  WriteFile(dir.Path("folder/one.txt"), "a text file");
  WriteFile(dir.Path("folder/x"), "not a .txt file");
  return {dir.Path("a.jsonl"), dir.Path("folder"), dir.Path("b.jsonl.gz")};
}

void RequireSame(const Located& a, const Located& b) {
  CHECK(a.record.index == b.record.index);
  CHECK(a.record.input == b.record.input);
  CHECK(a.record.id == b.record.id);
  CHECK(a.record.text == b.record.text);
  CHECK(a.record.date == b.record.date);
  CHECK(a.record.source == b.record.source);
  CHECK(a.record.url == b.record.url);
  CHECK(a.record.origin.file == b.record.origin.file);
  CHECK(a.record.origin.line == b.record.origin.line);
  CHECK(a.record.format == b.record.format);
  CHECK(a.record.raw == b.record.raw);
  CHECK(a.record.text_token_begin == b.record.text_token_begin);
  CHECK(a.record.text_token_end == b.record.text_token_end);
  CHECK(a.record.invalid_utf8_replaced == b.record.invalid_utf8_replaced);
  CHECK(a.record.rejection == b.record.rejection);
  REQUIRE(a.location.has_value() == b.location.has_value());
  if (a.location.has_value()) {  // each reader maps the file itself
    CHECK(a.location->offset == b.location->offset);
    CHECK(a.location->file->View(a.location->offset, a.record.raw.size()) == a.record.raw);
  }
}

TEST_CASE("pending records completed out of order on two threads are Next()'s records") {
  TempDir dir;
  const std::vector<std::string> inputs = WriteInputs(dir);
  InputOptions options;
  options.max_record_bytes = 200;
  const std::vector<Located> serial = ReadSerially(inputs, options);
  const std::vector<Located> parallel =
      CompleteOutOfOrder(ReadPending(inputs, options), inputs, options);
  REQUIRE(serial.size() == 50 + 1 + 2);
  REQUIRE(parallel.size() == serial.size());
  for (size_t i = 0; i < serial.size(); ++i) {
    INFO("record " << i << " " << serial[i].record.id);
    RequireSame(parallel[i], serial[i]);
  }

  // What the records are, so that both ways cannot be wrong together.
  auto at = [&](uint64_t line) -> const Located& {
    for (const Located& r : parallel) {
      if (r.record.input == 0 && r.record.origin.line == line) return r;
    }
    FAIL("no record at line " << line);
    return parallel.front();
  };
  const std::string a = inputs[0];
  CHECK(at(1).record.rejection.empty());
  CHECK(at(1).record.raw == "{\"id\":\"x\",\"text\":\"first, with a BOM\"}");
  REQUIRE(at(1).location.has_value());
  CHECK(at(1).location->offset == 3);
  CHECK(at(4).record.rejection == "duplicate id (first seen at " + a + ":1)");
  CHECK(at(5).record.rejection == "text field 'text' is not a string");
  CHECK(at(6).record.rejection.empty());
  CHECK(at(7).record.invalid_utf8_replaced == 1);
  CHECK(at(7).record.text == "bad \xEF\xBF\xBD utf-8");
  CHECK_FALSE(at(7).location.has_value());
  CHECK(at(8).record.rejection.rfind("record too large (", 0) == 0);
  CHECK(at(8).record.id == "a.jsonl:8");
  CHECK_FALSE(at(8).location.has_value());
  CHECK(at(9).record.rejection.rfind("malformed JSON", 0) == 0);
  CHECK(at(9).record.id == "a.jsonl:9");
  CHECK(at(10).record.id == "a.jsonl:10");
  CHECK(at(10).record.date == "2024-01-02");
  CHECK(at(11).record.id == "7");
  CHECK(at(12 + 30).record.rejection == "duplicate id (first seen at " + a + ":12)");
  CHECK(at(12 + 29).record.rejection.empty());
  const Located& txt = parallel[at(52).record.index + 1];
  CHECK(txt.record.id == "one.txt");
  CHECK(txt.record.rejection.empty());
  CHECK(parallel[parallel.size() - 2].record.rejection ==
        "duplicate id (first seen at " + a + ":15)");
  CHECK(parallel.back().record.rejection ==
        "duplicate id (first seen at " + inputs[1] + "/one.txt)");
}

TEST_CASE("a pending JSONL record holds its line, unparsed and not yet admitted") {
  TempDir dir;
  const std::vector<std::string> inputs = WriteInputs(dir);
  InputOptions options;
  options.max_record_bytes = 200;
  const std::vector<PendingRecord> pending = ReadPending(inputs, options);
  REQUIRE(pending.size() == 53);
  const PendingRecord& repeat = pending[1];  // line 4, a duplicate once admitted
  CHECK(repeat.record.origin.line == 4);
  CHECK(repeat.record.index == 1);
  const std::string line4 = "{\"id\":\"x\",\"text\":\"a repeat of line 1\"}";
  CHECK(repeat.record.raw == line4);
  REQUIRE(repeat.map != nullptr);
  CHECK(repeat.map->View(repeat.offset, repeat.record.raw.size()) == line4);
  CHECK(repeat.record.id.empty());
  CHECK(repeat.record.text.empty());
  CHECK(repeat.record.rejection.empty());
  const PendingRecord& oversized = pending[5];  // line 8
  CHECK(oversized.record.origin.line == 8);
  CHECK(oversized.oversized_bytes > 300);
  CHECK(oversized.record.raw.empty());
  const PendingRecord& txt = pending[50];  // complete already
  CHECK(txt.record.format == RecordFormat::kTextFile);
  CHECK(txt.record.text == "a text file");
  CHECK(pending[51].map == nullptr);  // compressed: nothing to locate lines in
  CHECK(pending[51].record.raw == "{\"id\":\"n3\",\"text\":\"repeat from a\"}");
  // The first line is held without its byte order mark and "\r", and is
  // located in the map once completed.
  PendingRecord first = pending[0];
  CHECK(first.record.raw == "{\"id\":\"x\",\"text\":\"first, with a BOM\"}");
  RecordParser parser(options);
  const std::optional<RawLocation> location = parser.Complete(&first);
  REQUIRE(location.has_value());
  CHECK(location->file->View(location->offset, first.record.raw.size()) == first.record.raw);
  CHECK(first.record.text == "first, with a BOM");
}

}  // namespace
}  // namespace neardup::io
