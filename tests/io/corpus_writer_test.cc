// Tests for CorpusWriter: mirrored layout, compression, byte-exact JSONL.
#include "io/corpus_writer.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "io/record_reader.h"
#include "test_files.h"

namespace neardup::io {
namespace {

using testing::Exists;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

std::vector<Record> ReadAll(const std::string& input) {
  auto reader = OpenRecordReader({input}, InputOptions());
  REQUIRE(reader.ok());
  std::vector<Record> records;
  Record record;
  while (*(*reader)->Next(&record)) records.push_back(record);
  return records;
}

TEST_CASE("CorpusWriter: JSONL keeps every byte but the text token") {
  TempDir dir;
  const std::string input = dir.Path("in/dump.jsonl");
  const std::string line1 =
      R"({ "url" : "http://x/\u00e9", "text" :  "old \"text\"" , "id":1.50, "z":[1, 2]})";
  const std::string line2 = R"({"id":"b","text":"keep me","n":null})";
  WriteFile(input, line1 + "\r\n" + line2 + "\n");
  std::vector<Record> records = ReadAll(input);
  REQUIRE(records.size() == 2);

  absl::StatusOr<CorpusWriter> writer =
      CorpusWriter::Open(dir.Path("out/corpus"), {input});
  REQUIRE(writer.ok());
  const Record& a = records[0];
  REQUIRE(writer
              ->Write(0, a.format, a.id, a.raw, a.text_token_begin,
                      a.text_token_end, "new\n\"text\"")
              .ok());
  const Record& b = records[1];
  REQUIRE(writer
              ->Write(0, b.format, b.id, b.raw, b.text_token_begin,
                      b.text_token_end, std::nullopt)
              .ok());
  REQUIRE(writer->Close().ok());
  const std::string out = ReadFile(dir.Path("out/corpus/dump.jsonl"));
  CHECK(out ==
        R"({ "url" : "http://x/\u00e9", "text" :  "new\n\"text\"" , "id":1.50, "z":[1, 2]})"
        "\n" + line2 + "\n");
  // And it reads back with the new text.
  std::vector<Record> again = ReadAll(dir.Path("out/corpus/dump.jsonl"));
  REQUIRE(again.size() == 2);
  CHECK(again[0].text == "new\n\"text\"");
  CHECK(again[0].id == "1.50");
}

TEST_CASE("CorpusWriter: txt folders mirrored, names made unique") {
  TempDir dir;
  WriteFile(dir.Path("a/news/x.txt"), "x");
  WriteFile(dir.Path("b/news/y.txt"), "y");
  WriteFile(dir.Path("c/news"), "");  // a plain file named like the folders
  const std::vector<std::string> inputs = {dir.Path("a/news"),
                                           dir.Path("b/news/"), "-"};
  absl::StatusOr<CorpusWriter> writer =
      CorpusWriter::Open(dir.Path("corpus"), inputs);
  REQUIRE(writer.ok());
  CHECK(writer->OutputPath(0) == dir.Path("corpus/news"));
  CHECK(writer->OutputPath(1) == dir.Path("corpus/news-2"));
  CHECK(writer->OutputPath(2) == dir.Path("corpus/stdin.jsonl"));
  REQUIRE(writer
              ->Write(0, RecordFormat::kTextFile, "sub/deep/x.txt", "raw x",
                      0, 0, std::nullopt)
              .ok());
  REQUIRE(writer
              ->Write(1, RecordFormat::kTextFile, "y.txt", "raw y", 0, 0,
                      "clean y")
              .ok());
  CHECK(!writer
             ->Write(0, RecordFormat::kTextFile, "../escape.txt", "e", 0, 0,
                     std::nullopt)
             .ok());
  CHECK(!writer
             ->Write(0, RecordFormat::kJsonl, "j", "{}", 0, 0, std::nullopt)
             .ok());
  CHECK(!writer
             ->Write(7, RecordFormat::kTextFile, "k.txt", "k", 0, 0,
                     std::nullopt)
             .ok());
  REQUIRE(writer->Close().ok());
  CHECK(ReadFile(dir.Path("corpus/news/sub/deep/x.txt")) == "raw x");
  CHECK(ReadFile(dir.Path("corpus/news-2/y.txt")) == "clean y");
  CHECK(ReadFile(dir.Path("corpus/stdin.jsonl")).empty());
  CHECK(!Exists(dir.Path("escape.txt")));
}

TEST_CASE("CorpusWriter: same compression as the input, unique names") {
  TempDir dir;
  const std::string plain = "{\"id\":\"1\",\"text\":\"one\"}\n";
  WriteFile(dir.Path("x/day.jsonl.gz"), testing::GzipCompress(plain));
  WriteFile(dir.Path("y/day.jsonl.gz"), testing::GzipCompress(plain));
  WriteFile(dir.Path("z/day.jsonl.zst"), testing::ZstdCompress(plain));
  absl::StatusOr<CorpusWriter> writer = CorpusWriter::Open(
      dir.Path("corpus"), {dir.Path("x/day.jsonl.gz"),
                           dir.Path("y/day.jsonl.gz"),
                           dir.Path("z/day.jsonl.zst")});
  REQUIRE(writer.ok());
  std::vector<Record> records = ReadAll(dir.Path("x/day.jsonl.gz"));
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  for (uint32_t input = 0; input < 3; ++input) {
    REQUIRE(writer
                ->Write(input, r.format, r.id, r.raw, r.text_token_begin,
                        r.text_token_end, "uno")
                .ok());
  }
  REQUIRE(writer->Close().ok());
  const std::string expected = "{\"id\":\"1\",\"text\":\"uno\"}\n";
  CHECK(testing::GzipDecompress(ReadFile(dir.Path("corpus/day.jsonl.gz"))) ==
        expected);
  CHECK(testing::GzipDecompress(
            ReadFile(dir.Path("corpus/day-2.jsonl.gz"))) == expected);
  CHECK(testing::ZstdDecompress(
            ReadFile(dir.Path("corpus/day.jsonl.zst"))) == expected);
}

TEST_CASE("CorpusWriter: chunks write what Write() would, in order") {
  TempDir dir;
  WriteFile(dir.Path("in/a.jsonl"),
            "{\"id\":\"1\",\"text\":\"one\"}\n{\"id\":\"2\",\"text\":\"two\"}\n");
  WriteFile(dir.Path("in/b.jsonl"), "{\"id\":\"3\",\"text\":\"three\"}\n");
  WriteFile(dir.Path("in/news/x.txt"), "x");
  const std::vector<std::string> inputs = {dir.Path("in/a.jsonl"), dir.Path("in/b.jsonl"),
                                           dir.Path("in/news")};
  const std::vector<Record> a = ReadAll(inputs[0]);
  const std::vector<Record> b = ReadAll(inputs[1]);
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 1);
  // Records of the three inputs interleaved, over two chunks.
  auto add = [&](CorpusChunk& chunk, const CorpusWriter& writer, uint32_t input,
                 const Record& r, std::optional<std::string_view> text) {
    return chunk.Add(writer, input, r.format, r.id, r.raw, r.text_token_begin,
                     r.text_token_end, text);
  };
  auto write_all = [&](const std::string& out, bool chunked) {
    absl::StatusOr<CorpusWriter> writer = CorpusWriter::Open(out, inputs);
    REQUIRE(writer.ok());
    if (chunked) {
      CorpusChunk first;
      CorpusChunk second;
      CHECK(first.empty());
      REQUIRE(add(first, *writer, 0, a[0], "uno").ok());
      REQUIRE(add(first, *writer, 1, b[0], std::nullopt).ok());
      REQUIRE(first.Add(*writer, 2, RecordFormat::kTextFile, "sub/x.txt", "raw x", 0, 0,
                        "clean x")
                  .ok());
      REQUIRE(add(second, *writer, 0, a[1], std::nullopt).ok());
      CHECK(!first.empty());
      REQUIRE(writer->WriteChunk(first).ok());
      REQUIRE(writer->WriteChunk(second).ok());
      first.Clear();
      CHECK(first.empty());
      REQUIRE(writer->WriteChunk(first).ok());  // nothing
    } else {
      REQUIRE(writer->Write(0, a[0].format, a[0].id, a[0].raw, a[0].text_token_begin,
                            a[0].text_token_end, "uno")
                  .ok());
      REQUIRE(writer->Write(1, b[0].format, b[0].id, b[0].raw, b[0].text_token_begin,
                            b[0].text_token_end, std::nullopt)
                  .ok());
      REQUIRE(writer->Write(2, RecordFormat::kTextFile, "sub/x.txt", "raw x", 0, 0, "clean x")
                  .ok());
      REQUIRE(writer->Write(0, a[1].format, a[1].id, a[1].raw, a[1].text_token_begin,
                            a[1].text_token_end, std::nullopt)
                  .ok());
    }
    REQUIRE(writer->Close().ok());
  };
  write_all(dir.Path("one"), false);
  write_all(dir.Path("chunks"), true);
  for (const char* file : {"a.jsonl", "b.jsonl", "news/sub/x.txt"}) {
    CHECK(ReadFile(dir.Path(std::string("chunks/") + file)) ==
          ReadFile(dir.Path(std::string("one/") + file)));
  }
  CHECK(ReadFile(dir.Path("chunks/a.jsonl")) ==
        "{\"id\":\"1\",\"text\":\"uno\"}\n{\"id\":\"2\",\"text\":\"two\"}\n");
  CHECK(ReadFile(dir.Path("chunks/news/sub/x.txt")) == "clean x");
}

TEST_CASE("CorpusChunk: Add checks the record as Write() does") {
  TempDir dir;
  WriteFile(dir.Path("in/news/x.txt"), "x");
  absl::StatusOr<CorpusWriter> writer =
      CorpusWriter::Open(dir.Path("corpus"), {dir.Path("in/news"), "-"});
  REQUIRE(writer.ok());
  CorpusChunk chunk;
  CHECK(!chunk.Add(*writer, 7, RecordFormat::kJsonl, "j", "{}", 0, 0, std::nullopt).ok());
  CHECK(!chunk.Add(*writer, 0, RecordFormat::kJsonl, "j", "{}", 0, 0, std::nullopt).ok());
  CHECK(!chunk.Add(*writer, 0, RecordFormat::kTextFile, "../up.txt", "u", 0, 0, std::nullopt)
             .ok());
  CHECK(!chunk.Add(*writer, 1, RecordFormat::kJsonl, "j", "{\"text\":\"a\"}", 5, 99, "b").ok());
  CHECK(chunk.empty());
  REQUIRE(writer->Close().ok());
}

}  // namespace
}  // namespace neardup::io
