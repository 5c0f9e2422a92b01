// Hostile JSONL lines: each TEST_CASE is one row of docs/HOSTILE_INPUT.md.
#include <string>

#include "catch2/catch.hpp"
#include "hostile_support.h"

namespace neardup::testing {
namespace {

bool Accepted(const Decision& d) {
  return d.decision == "kept" || d.decision == "duplicate";
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Writes `lines` (joined by "\n", with a final "\n") as dir/in.jsonl.
std::string WriteJsonl(const TempDir& dir, const std::string& body) {
  const fs::path path = dir / "in.jsonl";
  WriteFile(path, body);
  return path.string();
}

TEST_CASE("hostile JSONL: escaped NUL and control characters are text") {
  TempDir dir;
  const std::string in = WriteJsonl(
      dir, "{\"id\":\"nul\",\"text\":\"alpha\\u0000beta " + Prose() + "\"}\n"
           "{\"id\":\"ctl\",\"text\":\"\\u0001\\u001b[31m\\u007f " + Prose() + "\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 2);
  // NUL separates two words; control characters are not words.
  CHECK(run.Of("nul").words == 32);
  CHECK(Accepted(run.Of("nul")));
  CHECK(run.Of("ctl").words == 31);  // "[31m" leaves the word "31m"
  CHECK(Accepted(run.Of("ctl")));
}

TEST_CASE("hostile JSONL: raw NUL or control bytes inside a string are rejected") {
  TempDir dir;
  const std::string in = WriteJsonl(
      dir, "{\"id\":\"rawnul\",\"text\":\"a" + std::string(1, '\0') + "b\"}\n" +
               "{\"id\":\"rawesc\",\"text\":\"a\x1b[0m b\"}\n" +
               "{\"id\":\"ok\",\"text\":\"" + Prose() + "\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 3);
  for (int i = 0; i < 2; ++i) {
    CHECK(run.decisions[i].decision == "rejected");
    CHECK(StartsWith(run.decisions[i].reason, "malformed JSON: "));
    CHECK(run.decisions[i].reason.find("escaped") != std::string::npos);
  }
  CHECK(run.Of("ok").decision == "kept");
}

TEST_CASE("hostile JSONL: a line that is an array, number or string is rejected") {
  TempDir dir;
  const std::string in = WriteJsonl(dir, "[1,2,3]\n42\n\"just a string\"\nnull\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    CHECK(run.decisions[i].decision == "rejected");
    CHECK(run.decisions[i].reason == "malformed JSON: the line is not a JSON object");
    CHECK(run.decisions[i].id == "in.jsonl:" + std::to_string(i + 1));
  }
}

TEST_CASE("hostile JSONL: a text field that is a number, object or null is rejected") {
  TempDir dir;
  const std::string in = WriteJsonl(dir,
                                    "{\"id\":\"n\",\"text\":5}\n"
                                    "{\"id\":\"o\",\"text\":{\"a\":[1]}}\n"
                                    "{\"id\":\"z\",\"text\":null}\n"
                                    "{\"id\":\"m\",\"body\":\"no text field\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  for (const char* id : {"n", "o", "z"}) {
    CHECK(run.Of(id).decision == "rejected");
    CHECK(run.Of(id).reason == "text field 'text' is not a string");
  }
  CHECK(run.Of("m").reason == "missing text field 'text'");
}

TEST_CASE("hostile JSONL: with duplicate keys the last value wins") {
  TempDir dir;
  const std::string in = WriteJsonl(
      dir, "{\"id\":\"first\",\"text\":\"one two\",\"id\":\"last\",\"text\":\"three four five\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 1);
  CHECK(run.decisions[0].id == "last");
  CHECK(run.decisions[0].words == 3);
  CHECK(run.decisions[0].decision == "kept");
}

TEST_CASE("hostile JSONL: CRLF line ends, blank lines and a last line without newline") {
  TempDir dir;
  const std::string in = WriteJsonl(
      dir, "{\"id\":\"a\",\"text\":\"" + Prose(10) + " crlf\"}\r\n\r\n   \r\n" +
               "{\"id\":\"b\",\"text\":\"" + Prose(12) + "\"}");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 2);  // blank lines are not records
  CHECK(run.Of("a").line == 1);
  CHECK(run.Of("a").words == 11);
  CHECK(Accepted(run.Of("a")));
  CHECK(run.Of("b").line == 4);
  CHECK(run.Of("b").words == 12);
  CHECK(Accepted(run.Of("b")));
}

TEST_CASE("hostile JSONL: a byte order mark at the start of the file is skipped") {
  TempDir dir;
  const std::string in = WriteJsonl(
      dir, "\xEF\xBB\xBF{\"id\":\"first\",\"text\":\"" + Prose(8) + "\"}\n"
           "{\"id\":\"second\",\"text\":\"other words entirely\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 2);
  CHECK(run.decisions[0].id == "first");
  CHECK(run.decisions[0].decision == "kept");
  CHECK(run.decisions[0].words == 8);
  // The cleaned corpus copy starts with the record, not with the mark.
  const std::string corpus = ReadFile(run.output / "corpus" / "in.jsonl");
  CHECK(StartsWith(corpus, "{\"id\":\"first\""));
}

TEST_CASE("hostile JSONL: invalid UTF-8 is replaced and counted") {
  TempDir dir;
  const std::string in = WriteJsonl(
      dir, "{\"id\":\"bad\",\"text\":\"caf\xE9 \xFF\xFE " + Prose(5) + "\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 1);
  CHECK(run.decisions[0].decision == "kept");
  CHECK(run.decisions[0].invalid_utf8_replaced == 3);
  // The corpus line is valid UTF-8 JSON again (JsonLines would throw).
  const JsonLines corpus(run.output / "corpus" / "in.jsonl");
  CHECK(corpus.size() == 1);
}

TEST_CASE("hostile JSONL: a lone surrogate escape is rejected as malformed") {
  TempDir dir;
  const std::string in =
      WriteJsonl(dir, "{\"id\":\"s\",\"text\":\"broken \\ud800 pair\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 1);
  CHECK(run.decisions[0].decision == "rejected");
  CHECK(StartsWith(run.decisions[0].reason, "malformed JSON: "));
}

TEST_CASE("hostile JSONL: a huge id and an id with newlines and quotes round-trip") {
  TempDir dir;
  const std::string huge(1u << 20, 'x');
  const std::string in = WriteJsonl(
      dir, "{\"id\":\"" + huge + "\",\"text\":\"" + Prose(6) + "\"}\n" +
               "{\"id\":\"q\\\"uo\\nte\\\\\",\"text\":\"unrelated words here\"}\n" +
               "{\"id\":123456789012345678901234567890,\"text\":\"digits as id\"}\n" +
               "{\"id\":1e400,\"text\":\"out of range number\"}\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 4);  // decisions.jsonl stays one line per record
  CHECK(run.decisions[0].id == huge);
  CHECK(run.decisions[0].decision == "kept");
  CHECK(run.decisions[1].id == "q\"uo\nte\\");
  CHECK(run.decisions[1].decision == "kept");
  CHECK(run.decisions[2].id == "123456789012345678901234567890");
  CHECK(run.decisions[2].decision == "kept");
  CHECK(run.decisions[3].id == "in.jsonl:4");
  CHECK(run.decisions[3].decision == "rejected");
  CHECK(StartsWith(run.decisions[3].reason, "malformed JSON: "));
}

TEST_CASE("hostile JSONL: deep nesting is rejected without exhausting the stack") {
  TempDir dir;
  auto nested = [](int depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  const std::string in = WriteJsonl(
      dir, "{\"id\":\"d63\",\"text\":\"ok\",\"x\":" + nested(62) + "}\n" +
               "{\"id\":\"d100\",\"text\":\"ok\",\"x\":" + nested(100) + "}\n" +
               "{\"id\":\"d1m\",\"text\":\"ok\",\"x\":" + nested(1000000) + "}\n" +
               "{\"id\":\"open\",\"text\":\"ok\",\"x\":" + std::string(100000, '{') + "\n");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 4);
  CHECK(run.decisions[0].id == "d63");
  CHECK(run.decisions[0].decision == "kept");
  for (int i = 1; i < 3; ++i) {
    CHECK(run.decisions[i].decision == "rejected");
    CHECK(StartsWith(run.decisions[i].reason, "JSON nested deeper than 64 levels"));
  }
  CHECK(run.decisions[3].decision == "rejected");
  CHECK(StartsWith(run.decisions[3].reason, "malformed JSON: "));
}

TEST_CASE("hostile JSONL: a huge but shallow object is read") {
  TempDir dir;
  std::string line = "{\"id\":\"wide\",\"text\":\"" + Prose(7) + "\"";
  for (int i = 0; i < 200000; ++i) line += ",\"k" + std::to_string(i) + "\":[" + std::to_string(i) + "]";
  line += "}\n";
  const std::string in = WriteJsonl(dir, line);
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 1);
  CHECK(run.decisions[0].decision == "kept");
  CHECK(run.decisions[0].words == 7);
}

TEST_CASE("hostile JSONL: an empty file yields a complete, empty run") {
  TempDir dir;
  const std::string in = WriteJsonl(dir, "");
  const HostileRun run = RunOn(dir, {in});
  REQUIRE(run.status.ok());
  CHECK(run.summary.records == 0);
  CHECK(run.decisions.empty());
  CHECK(fs::exists(run.output / "stats.json"));
}

}  // namespace
}  // namespace neardup::testing
