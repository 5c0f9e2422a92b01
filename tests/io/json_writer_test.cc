// Tests for JsonLine, AppendJsonString and LineFile.
#include "io/json_writer.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "simdjson.h"
#include "test_files.h"

namespace neardup::io {
namespace {

using testing::ReadFile;
using testing::TempDir;

TEST_CASE("JsonLine: keys in order, values typed") {
  JsonLine line;
  line.StartObject()
      .Field("id", "doc-1")
      .Field("size", uint64_t{42})
      .Field("delta", int64_t{-3})
      .Field("score", 0.5)
      .Field("kept", true)
      .Key("none")
      .Null()
      .Key("list")
      .StartArray()
      .Int(1)
      .Int(2)
      .EndArray()
      .EndObject();
  CHECK(line.view() ==
        R"({"id":"doc-1","size":42,"delta":-3,"score":0.5,"kept":true,)"
        R"("none":null,"list":[1,2]})");
  line.Clear();
  line.StartObject().Field("nan", std::nan("")).EndObject();
  CHECK(line.view() == R"({"nan":null})");
}

TEST_CASE("JsonLine: escapes and never emits invalid UTF-8") {
  JsonLine line;
  const std::string nasty = std::string("q\"b\\n\n\t\x01", 8) + "\xff" + "é";
  line.StartObject().Field("s", nasty).EndObject();
  const std::string out(line.view());
  CHECK(out == "{\"s\":\"q\\\"b\\\\n\\n\\t\\u0001\xEF\xBF\xBD\xC3\xA9\"}");
  // The output parses back to the repaired string.
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(out).get(doc) == simdjson::SUCCESS);
  std::string_view s;
  REQUIRE(doc["s"].get(s) == simdjson::SUCCESS);
  CHECK(s == std::string("q\"b\\n\n\t\x01", 8) + "\xEF\xBF\xBD" + "é");
}

TEST_CASE("AppendJsonString appends one quoted token") {
  std::string out = "[";
  AppendJsonString("a\"b", &out);
  AppendJsonString("", &out);
  CHECK(out == "[\"a\\\"b\"\"\"");
}

TEST_CASE("LineFile: writes lines, reports errors with the path") {
  TempDir dir;
  const std::string path = dir.Path("out.jsonl");
  absl::StatusOr<LineFile> file = LineFile::Create(path);
  REQUIRE(file.ok());
  REQUIRE(file->WriteLine("{\"a\":1}").ok());
  REQUIRE(file->Write("x").ok());
  REQUIRE(file->Close().ok());
  CHECK(ReadFile(path) == "{\"a\":1}\nx");

  absl::StatusOr<LineFile> bad = LineFile::Create(dir.Path("no/such/file"));
  REQUIRE(!bad.ok());
  CHECK(std::string(bad.status().message()).find(dir.Path("no/such/file")) !=
        std::string::npos);
}

TEST_CASE("LineFile: long files are intact past the points it asks for write-out") {
  TempDir dir;
  const std::string path = dir.Path("long.jsonl");
  absl::StatusOr<LineFile> created = LineFile::Create(path);
  REQUIRE(created.ok());
  LineFile file = *std::move(created);
  std::string expected;
  const std::string block(1 << 20, 'b');
  for (int i = 0; i < 40; ++i) {  // 40 MB, write-out asked for twice
    const std::string line = "{\"line\":" + std::to_string(i) + "}";
    REQUIRE(file.WriteLine(line).ok());
    REQUIRE(file.Write(block).ok());
    expected += line + "\n" + block;
    if (i == 20) {
      LineFile moved = std::move(file);  // the count moves along
      file = std::move(moved);
    }
  }
  REQUIRE(file.Close().ok());
  CHECK(ReadFile(path) == expected);
}

TEST_CASE("LineFile: a full disk is reported by Close", "[devfull]") {
  if (access("/dev/full", W_OK) != 0) return;  // not on this system
  absl::StatusOr<LineFile> file = LineFile::Create("/dev/full");
  REQUIRE(file.ok());
  CHECK(file->WriteLine("data").ok());  // buffered
  const absl::Status closed = file->Close();
  REQUIRE(!closed.ok());
  CHECK(std::string(closed.message()) ==
        "cannot write /dev/full: No space left on device; the disk is full: "
        "free some space and run again");
}

}  // namespace
}  // namespace neardup::io
