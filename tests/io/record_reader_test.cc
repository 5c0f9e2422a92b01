// Tests for OpenRecordReader: txt folders, JSONL (plain, gzip, zstd) and
// every kind of bad input.
#include "io/record_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "test_files.h"

namespace neardup::io {
namespace {

using testing::TempDir;
using testing::WriteFile;

// Reads every record of `inputs`; REQUIREs that opening and reading work.
std::vector<Record> ReadAll(const std::vector<std::string>& inputs,
                            const InputOptions& options = InputOptions()) {
  return testing::ReadEach<Record>(
      inputs, options, [](RecordReader& reader, Record* record) { return reader.Next(record); });
}

// The error a reader reports while reading `inputs`.
std::string ReadError(const std::vector<std::string>& inputs) {
  auto reader = OpenRecordReader(inputs, InputOptions());
  REQUIRE(reader.ok());
  Record record;
  for (;;) {
    absl::StatusOr<bool> more = (*reader)->Next(&record);
    if (!more.ok()) return std::string(more.status().message());
    if (!*more) return "";
  }
}

std::string Nested(int levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

TEST_CASE("txt folder: .txt files in byte order of relative path") {
  TempDir dir;
  WriteFile(dir.Path("news/b.txt"), "bee");
  WriteFile(dir.Path("news/a.txt"), "ay");
  WriteFile(dir.Path("news/B.txt"), "big bee");
  WriteFile(dir.Path("news/sub/c.txt"), "sea");
  WriteFile(dir.Path("news/notes.md"), "not a txt");
  WriteFile(dir.Path("news/sub.txtx"), "not a txt either");
  const std::string folder = dir.Path("news");
  std::vector<Record> records = ReadAll({folder});
  REQUIRE(records.size() == 4);
  const std::vector<std::string> ids = {"B.txt", "a.txt", "b.txt",
                                        "sub/c.txt"};
  const std::vector<std::string> texts = {"big bee", "ay", "bee", "sea"};
  for (size_t i = 0; i < records.size(); ++i) {
    CHECK(records[i].id == ids[i]);
    CHECK(records[i].text == texts[i]);
    CHECK(records[i].raw == texts[i]);
    CHECK(records[i].index == i);
    CHECK(records[i].input == 0);
    CHECK(records[i].format == RecordFormat::kTextFile);
    CHECK(records[i].origin.file == folder + "/" + ids[i]);
    CHECK(records[i].origin.line == 0);
    CHECK(records[i].rejection.empty());
  }
}

TEST_CASE("txt folder: invalid UTF-8 repaired, raw kept") {
  TempDir dir;
  WriteFile(dir.Path("in/latin1.txt"), "Caf\xe9 au lait, tr\xe8s bon.");
  std::vector<Record> records = ReadAll({dir.Path("in")});
  REQUIRE(records.size() == 1);
  CHECK(records[0].rejection.empty());
  CHECK(records[0].text == "Caf\xEF\xBF\xBD au lait, tr\xEF\xBF\xBDs bon.");
  CHECK(records[0].raw == "Caf\xe9 au lait, tr\xe8s bon.");
  CHECK(records[0].invalid_utf8_replaced == 2);
}

TEST_CASE("txt folder: binary, empty and too large files") {
  TempDir dir;
  WriteFile(dir.Path("in/1-nul.txt"), std::string("text\0more", 9));
  WriteFile(dir.Path("in/2-noise.txt"), "\xff\xfe\x80\x81\x90\xfa\xfb");
  WriteFile(dir.Path("in/3-empty.txt"), "");
  WriteFile(dir.Path("in/4-big.txt"), std::string(11, 'x'));
  WriteFile(dir.Path("in/5-fits.txt"), std::string(10, 'y'));
  InputOptions options;
  options.max_record_bytes = 10;
  std::vector<Record> records = ReadAll({dir.Path("in")}, options);
  REQUIRE(records.size() == 5);
  CHECK(records[0].rejection == "binary file");
  CHECK(records[1].rejection == "binary file");
  CHECK(records[2].rejection.empty());
  CHECK(records[2].text.empty());
  CHECK(records[3].rejection ==
        "record too large (11 bytes > limit 10; raise --max-record-bytes)");
  CHECK(records[3].raw.empty());
  CHECK(records[4].rejection.empty());
  CHECK(records[4].text == std::string(10, 'y'));
}

TEST_CASE("txt folder: a file that vanishes after listing is rejected") {
  TempDir dir;
  WriteFile(dir.Path("in/a.txt"), "first");
  WriteFile(dir.Path("in/b.txt"), "second");
  auto reader = OpenRecordReader({dir.Path("in")}, InputOptions());
  REQUIRE(reader.ok());
  Record record;
  REQUIRE(*(*reader)->Next(&record));
  CHECK(record.id == "a.txt");
  REQUIRE(unlink(dir.Path("in/b.txt").c_str()) == 0);
  REQUIRE(*(*reader)->Next(&record));
  CHECK(record.id == "b.txt");
  CHECK(record.rejection == "cannot read: No such file or directory");
  CHECK(!*(*reader)->Next(&record));
}

TEST_CASE("JSONL: fields, blank lines, CRLF, bad lines, origins") {
  TempDir dir;
  const std::string path = dir.Path("dump.jsonl");
  const std::string lines[] = {
      R"({"id":"a","text":"hello","date":"2024-04-26","source":"S","url":"http://u","extra":{"x":[1,2.5,null,true]}})",
      "",
      "  \t",
      "{\"id\":7,\"text\":\"numeric id\"}\r",
      R"({"id":"c","text":"never closed")",
      R"({"id":"d"})",
      R"({"id":"e","text":5})",
      R"({"id":"a","text":"again"})",
      R"({"text":"no id"})",
      R"({"id":"g", "text" : "esc \"q\" \u00e9\n" , "n":1})",
      R"({"id":"h","text":"t"} {"x":1})",
      R"([1,2])",
      R"({"id":"i","text":null})",
      R"({"id":{"x":1},"text":"object id"})",
      R"({"id":"last","text":"no newline at end"})",
  };
  std::string contents;
  for (const std::string& line : lines) contents += line + "\n";
  contents.pop_back();
  WriteFile(path, contents);
  std::vector<Record> r = ReadAll({path});
  REQUIRE(r.size() == 13);
  for (size_t i = 0; i < r.size(); ++i) {
    CHECK(r[i].index == i);
    CHECK(r[i].format == RecordFormat::kJsonl);
    CHECK(r[i].origin.file == path);
  }
  CHECK(r[0].id == "a");
  CHECK(r[0].text == "hello");
  CHECK(r[0].date == "2024-04-26");
  CHECK(r[0].source == "S");
  CHECK(r[0].url == "http://u");
  CHECK(r[0].origin.line == 1);
  CHECK(r[0].raw == lines[0]);
  CHECK(r[0].rejection.empty());

  CHECK(r[1].id == "7");  // a number's JSON text
  CHECK(r[1].text == "numeric id");
  CHECK(r[1].origin.line == 4);
  CHECK(r[1].raw == "{\"id\":7,\"text\":\"numeric id\"}");  // no '\r'
  CHECK(r[1].rejection.empty());

  CHECK(r[2].origin.line == 5);
  CHECK(r[2].rejection.rfind("malformed JSON: ", 0) == 0);
  CHECK(r[3].rejection == "missing text field 'text'");
  CHECK(r[3].id == "d");
  CHECK(r[4].rejection == "text field 'text' is not a string");
  CHECK(r[5].rejection == "duplicate id (first seen at " + path + ":1)");
  CHECK(r[5].origin.line == 8);
  CHECK(r[6].id == "dump.jsonl:9");
  CHECK(r[6].rejection.empty());

  // The text token range covers exactly the JSON string, quotes included.
  CHECK(r[7].text == "esc \"q\" \xC3\xA9\n");
  CHECK(r[7].raw.substr(r[7].text_token_begin,
                        r[7].text_token_end - r[7].text_token_begin) ==
        R"("esc \"q\" \u00e9\n")");
  CHECK(r[0].raw.substr(r[0].text_token_begin,
                        r[0].text_token_end - r[0].text_token_begin) ==
        "\"hello\"");

  CHECK(r[8].rejection == "malformed JSON: more content after the object");
  CHECK(r[9].rejection == "malformed JSON: the line is not a JSON object");
  CHECK(r[10].rejection == "text field 'text' is not a string");
  CHECK(r[11].rejection == "id field 'id' is not a string or number");
  CHECK(r[12].id == "last");
  CHECK(r[12].text == "no newline at end");
  CHECK(r[12].origin.line == 15);
}

TEST_CASE("JSONL: invalid UTF-8 inside a string is repaired and counted") {
  TempDir dir;
  const std::string path = dir.Path("bad.jsonl");
  WriteFile(path, "{\"id\":\"x\",\"text\":\"caf\xe9 \xff\",\"note\":\"ok\"}\n");
  std::vector<Record> r = ReadAll({path});
  REQUIRE(r.size() == 1);
  CHECK(r[0].rejection.empty());
  CHECK(r[0].invalid_utf8_replaced == 2);
  CHECK(r[0].text == "caf\xEF\xBF\xBD \xEF\xBF\xBD");
  // `raw` is the repaired line, so the token range still points at the text.
  CHECK(r[0].raw ==
        "{\"id\":\"x\",\"text\":\"caf\xEF\xBF\xBD \xEF\xBF\xBD\","
        "\"note\":\"ok\"}");
  CHECK(r[0].raw.substr(r[0].text_token_begin,
                        r[0].text_token_end - r[0].text_token_begin) ==
        "\"caf\xEF\xBF\xBD \xEF\xBF\xBD\"");
}

TEST_CASE("JSONL: nesting depth limit") {
  TempDir dir;
  const std::string path = dir.Path("deep.jsonl");
  // The root object is level 1, so k nested arrays reach level k + 1.
  WriteFile(path, "{\"id\":\"ok\",\"text\":\"t\",\"m\":" + Nested(63) + "}\n" +
                      "{\"id\":\"deep\",\"text\":\"t\",\"m\":" + Nested(64) +
                      "}\n" + "{\"id\":\"abyss\",\"text\":\"t\",\"m\":" +
                      Nested(200000) + "}\n");
  std::vector<Record> r = ReadAll({path});
  REQUIRE(r.size() == 3);
  CHECK(r[0].rejection.empty());
  CHECK(r[1].rejection.find("JSON nested deeper than 64 levels") == 0);
  CHECK(r[2].rejection.find("JSON nested deeper than 64 levels") == 0);
  InputOptions shallow;
  shallow.max_json_depth = 1;
  std::vector<Record> s = ReadAll({path}, shallow);
  CHECK(s[0].rejection.find("JSON nested deeper than 1 levels") == 0);
}

TEST_CASE("JSONL: a line over the limit is rejected, the next one read") {
  TempDir dir;
  const std::string path = dir.Path("huge.jsonl");
  const std::string big =
      "{\"id\":\"big\",\"text\":\"" + std::string(1000, 'x') + "\"}";
  WriteFile(path, "{\"id\":\"small\",\"text\":\"s\"}\n" + big + "\r\n" +
                      "{\"id\":\"after\",\"text\":\"a\"}\n");
  InputOptions options;
  options.max_record_bytes = 100;
  std::vector<Record> r = ReadAll({path}, options);
  REQUIRE(r.size() == 3);
  CHECK(r[0].rejection.empty());
  CHECK(r[1].rejection == "record too large (" + std::to_string(big.size()) +
                              " bytes > limit 100; raise --max-record-bytes)");
  CHECK(r[1].id == "huge.jsonl:2");
  CHECK(r[1].origin.line == 2);
  CHECK(r[2].id == "after");
  CHECK(r[2].origin.line == 3);
  CHECK(r[2].rejection.empty());
}

TEST_CASE("JSONL: lines bigger than the read buffer, within and over limit") {
  TempDir dir;
  const std::string path = dir.Path("large.jsonl");
  const std::string text5(5u << 20, 'a');   // beyond the 4 MiB first buffer
  const std::string text12(12u << 20, 'b');  // over an 8 MiB limit
  WriteFile(path, "{\"id\":\"five\",\"text\":\"" + text5 + "\"}\n" +
                      "{\"id\":\"twelve\",\"text\":\"" + text12 + "\"}\n" +
                      "{\"id\":\"tail\",\"text\":\"t\"}");
  InputOptions options;
  options.max_record_bytes = 8u << 20;
  std::vector<Record> r = ReadAll({path}, options);
  REQUIRE(r.size() == 3);
  CHECK(r[0].rejection.empty());
  CHECK(r[0].text == text5);
  CHECK(r[1].rejection.find("record too large (") == 0);
  CHECK(r[2].id == "tail");
  CHECK(r[2].text == "t");
  CHECK(r[2].origin.line == 3);
}

TEST_CASE("JSONL: many records across buffer refills keep order and text") {
  TempDir dir;
  const std::string path = dir.Path("many.jsonl");
  std::string contents;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    contents += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"" +
                std::string(300 + i % 97, static_cast<char>('a' + i % 26)) +
                "\"}\n";
  }
  WriteFile(path, contents);
  std::vector<Record> r = ReadAll({path});
  REQUIRE(r.size() == static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    REQUIRE(r[i].id == "r" + std::to_string(i));
    REQUIRE(r[i].text ==
            std::string(300 + i % 97, static_cast<char>('a' + i % 26)));
    REQUIRE(r[i].origin.line == static_cast<uint64_t>(i + 1));
  }
}

TEST_CASE("JSONL: gzip and zstd detected by magic bytes, same records") {
  TempDir dir;
  std::string contents;
  for (int i = 0; i < 500; ++i) {
    contents += "{\"id\":" + std::to_string(i) + ",\"text\":\"story " +
                std::to_string(i) + "\"}\n";
  }
  WriteFile(dir.Path("plain.jsonl"), contents);
  WriteFile(dir.Path("a.jsonl.gz"), testing::GzipCompress(contents));
  WriteFile(dir.Path("b.jsonl.zst"), testing::ZstdCompress(contents));
  WriteFile(dir.Path("misnamed.jsonl"), testing::GzipCompress(contents));
  // Two gzip members one after the other are one stream.
  const std::string half1 = contents.substr(0, contents.size() / 2 + 3);
  const std::string half2 = contents.substr(half1.size());
  WriteFile(dir.Path("members.jsonl.gz"),
            testing::GzipCompress(half1) + testing::GzipCompress(half2));
  WriteFile(dir.Path("frames.jsonl.zst"),
            testing::ZstdCompress(half1) + testing::ZstdCompress(half2));
  const std::vector<Record> plain = ReadAll({dir.Path("plain.jsonl")});
  REQUIRE(plain.size() == 500);
  for (const char* name : {"a.jsonl.gz", "b.jsonl.zst", "misnamed.jsonl",
                           "members.jsonl.gz", "frames.jsonl.zst"}) {
    INFO(name);
    const std::vector<Record> r = ReadAll({dir.Path(name)});
    REQUIRE(r.size() == plain.size());
    for (size_t i = 0; i < r.size(); ++i) {
      REQUIRE(r[i].id == plain[i].id);
      REQUIRE(r[i].text == plain[i].text);
      REQUIRE(r[i].raw == plain[i].raw);
      REQUIRE(r[i].origin.line == plain[i].origin.line);
    }
  }
}

// Every record of `inputs` with where its raw bytes were located.
std::vector<std::pair<Record, std::optional<RawLocation>>> ReadAllLocated(
    const std::vector<std::string>& inputs, const InputOptions& options = InputOptions()) {
  auto reader = OpenRecordReader(inputs, options);
  REQUIRE(reader.ok());
  std::vector<std::pair<Record, std::optional<RawLocation>>> records;
  for (;;) {
    Record record;
    absl::StatusOr<bool> more = (*reader)->Next(&record);
    REQUIRE(more.ok());
    if (!*more) break;
    records.emplace_back(std::move(record), (*reader)->LastRawLocation());
  }
  return records;
}

TEST_CASE("JSONL: a plain file's raw lines are located in place, exactly") {
  TempDir dir;
  // A byte order mark, CRLF, a blank line, a line repaired for invalid
  // UTF-8, a line over the limit, lines that force buffer refills and
  // growth (beyond the 4 MiB first buffer), then short lines again.
  std::string contents = "\xEF\xBB\xBF{\"id\":\"bom\",\"text\":\"first\"}\r\n\n";
  contents += "{\"id\":\"bad\",\"text\":\"a\xFF" "b\"}\n";
  contents += "{\"id\":\"huge\",\"text\":\"" + std::string(7u << 20, 'h') + "\"}\n";
  contents += "{\"id\":\"big\",\"text\":\"" + std::string(5u << 20, 'b') + "\"}\r\n";
  for (int i = 0; i < 3000; ++i) {
    contents += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"" +
                std::string(1000 + i % 89, static_cast<char>('a' + i % 26)) + "\"}\n";
  }
  contents += "{\"id\":\"last\",\"text\":\"no newline\"}";
  const std::string path = dir.Path("plain.jsonl");
  WriteFile(path, contents);
  InputOptions options;
  options.max_record_bytes = 6u << 20;
  const auto records = ReadAllLocated({path}, options);
  REQUIRE(records.size() == 3005);
  size_t located = 0;
  for (const auto& [record, location] : records) {
    INFO(record.id);
    if (record.id == "bad" || !record.rejection.empty()) {
      // The repaired line is not the file's; the line over the limit was
      // never held.
      CHECK(record.invalid_utf8_replaced == (record.id == "bad" ? 1u : 0u));
      CHECK_FALSE(location.has_value());
      continue;
    }
    REQUIRE(location.has_value());
    CHECK(location->file->View(location->offset, record.raw.size()) == record.raw);
    ++located;
  }
  CHECK(located == 3003);
  CHECK(records[0].first.raw.substr(0, 1) == "{");  // the mark is not part of it

  // Compressed input: the same records, none located.
  WriteFile(dir.Path("plain.jsonl.gz"), testing::GzipCompress(contents));
  for (const auto& [record, location] : ReadAllLocated({dir.Path("plain.jsonl.gz")}, options)) {
    CHECK_FALSE(location.has_value());
  }
}

TEST_CASE("JSONL: a truncated or corrupt compressed stream is an error") {
  TempDir dir;
  std::string contents;
  for (int i = 0; i < 2000; ++i) {
    contents += "{\"id\":" + std::to_string(i) + ",\"text\":\"row " +
                std::to_string(i * 7919) + "\"}\n";
  }
  const std::string gz = testing::GzipCompress(contents);
  const std::string zst = testing::ZstdCompress(contents);
  WriteFile(dir.Path("cut.jsonl.gz"), gz.substr(0, gz.size() / 2));
  WriteFile(dir.Path("cut.jsonl.zst"), zst.substr(0, zst.size() / 2));
  std::string garbled = gz;
  for (size_t i = 20; i < 60; ++i) garbled[i] = static_cast<char>(i * 37);
  WriteFile(dir.Path("garbled.jsonl.gz"), garbled);
  for (const char* name :
       {"cut.jsonl.gz", "cut.jsonl.zst", "garbled.jsonl.gz"}) {
    INFO(name);
    const std::string error = ReadError({dir.Path(name)});
    CHECK(error.find(dir.Path(name) + ": broken ") == 0);
    CHECK(error.find("re-download") != std::string::npos);
  }
}

TEST_CASE("several inputs: numbering, input index, cross-input duplicates") {
  TempDir dir;
  WriteFile(dir.Path("news/a.txt"), "alpha");
  WriteFile(dir.Path("news/b.txt"), "beta");
  const std::string jsonl = dir.Path("more.jsonl");
  WriteFile(jsonl, R"({"id":"a.txt","text":"clash"})" "\n"
                   R"({"id":"z","text":"zed"})" "\n");
  const std::string folder = dir.Path("news");
  std::vector<Record> r = ReadAll({folder, jsonl});
  REQUIRE(r.size() == 4);
  CHECK(r[2].index == 2);
  CHECK(r[2].input == 1);
  CHECK(r[1].input == 0);
  CHECK(r[2].rejection ==
        "duplicate id (first seen at " + folder + "/a.txt)");
  CHECK(r[3].index == 3);
  CHECK(r[3].rejection.empty());
}

TEST_CASE("opening: missing input, a single .txt file") {
  TempDir dir;
  auto missing = OpenRecordReader({dir.Path("nope.jsonl")}, InputOptions());
  REQUIRE(!missing.ok());
  CHECK(std::string(missing.status().message())
            .find(dir.Path("nope.jsonl") + ": cannot open: No such file") ==
        0);
  WriteFile(dir.Path("one.txt"), "x");
  auto single = OpenRecordReader({dir.Path("one.txt")}, InputOptions());
  REQUIRE(!single.ok());
  CHECK(std::string(single.status().message()).find("pass the folder") !=
        std::string::npos);
}

TEST_CASE("custom field names") {
  TempDir dir;
  const std::string path = dir.Path("custom.jsonl");
  WriteFile(path, R"({"doc":"k1","body":"the body","id":"ignored","published":"2024-01-02"})" "\n");
  InputOptions options;
  options.id_field = "doc";
  options.text_field = "body";
  options.date_field = "published";
  std::vector<Record> r = ReadAll({path}, options);
  REQUIRE(r.size() == 1);
  CHECK(r[0].id == "k1");
  CHECK(r[0].text == "the body");
  CHECK(r[0].date == "2024-01-02");
}

}  // namespace
}  // namespace neardup::io

namespace neardup::io {
namespace {

TEST_CASE("JSONL: malformed variants are rejected, never crash") {
  TempDir dir;
  const std::string path = dir.Path("broken.jsonl");
  const std::vector<std::string> bad = {
      R"({"id":"a","text":"t",})",
      R"({"id":"b","text" "t"})",
      R"({id:"c","text":"t"})",
      R"({'id':'d','text':'t'})",
      R"({"id":"e","text":"t","n":NaN})",
      R"({"id":"f","text":"t","n":012})",
      R"({"id":"g","text":"t","s":"bad \x escape"})",
      R"({"id":"h","text":"lone \ud800 surrogate"})",
      R"({"id":"i","text":"t","a":[1,2})",
      R"({"id":"j","text":"t","a":tru})",
      R"({"id":"k","text":"t"}})",
      R"({"id":"l","text":"t")",
      R"("just a string")",
      R"(})",
      R"({)",
      R"({"id":"m","text":"t","o":{"x"}})",
  };
  std::string contents;
  for (const std::string& line : bad) contents += line + "\n";
  contents += R"({"id":"good","text":"fine"})";
  WriteFile(path, contents);
  std::vector<Record> r = ReadAll({path});
  REQUIRE(r.size() == bad.size() + 1);
  for (size_t i = 0; i < bad.size(); ++i) {
    INFO(bad[i]);
    CHECK(r[i].rejection.rfind("malformed JSON: ", 0) == 0);
    CHECK(r[i].text.empty());
    CHECK(r[i].origin.line == i + 1);
  }
  CHECK(r.back().rejection.empty());
  CHECK(r.back().text == "fine");
}

}  // namespace
}  // namespace neardup::io
