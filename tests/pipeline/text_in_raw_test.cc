// Tests that a scan which spills no original JSONL texts (no stage reads
// every text: passages and events off) gives every document the same texts
// as a scan that spills them, decoded from the raw lines, whether those lie
// in the mapped input or in the raw spill (a compressed input), and that the
// text spill then holds only repaired texts.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "e2e_support.h"
#include "io/json_writer.h"
#include "io/jsonl_line_parser.h"
#include "scan_support.h"
#include "test_files.h"

namespace neardup {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string JsonlLine(const std::string& id, const std::string& text) {
  io::JsonLine line;
  line.StartObject().Field("id", id).Field("text", text).EndObject();
  return std::string(line.view()) + "\n";
}

// Records whose texts need every kind of decoding: escapes of each sort, a
// surrogate pair, an empty text, a text field given twice (the last wins),
// seed 003 (mojibake, repaired), and the seeds' paragraphs as they are.
std::string Records() {
  std::string jsonl;
  jsonl += JsonlLine("escapes", "quote \" backslash \\ tab\t line\nslash / nul-free \x01 end");
  jsonl += "{\"id\":\"unicode\",\"text\":\"caf\\u00e9 \\ud83d\\ude00 na\\u00efve \\/ ok\"}\n";
  jsonl += JsonlLine("empty", "");
  jsonl += "{\"id\":\"twice\",\"text\":\"the first text\",\"text\":\"the second\\ntext\"}\n";
  for (const fs::directory_entry& seed :
       fs::directory_iterator(fs::path(testing::SourceRoot()) / "samples/news")) {
    jsonl += JsonlLine(seed.path().filename().string(), testing::ReadFile(seed.path()));
  }
  return jsonl;
}

TEST_CASE("scan: texts read from raw lines are the texts a spilling scan keeps") {
  TempDir tmp;
  const std::string jsonl = Records();
  testing::WriteFile(tmp / "plain.jsonl", jsonl);
  testing::WriteFile(tmp / "packed.jsonl.gz", io::testing::GzipCompress(jsonl));
  for (const char* input : {"plain.jsonl", "packed.jsonl.gz"}) {
    INFO(input);
    Options options;
    options.inputs = {(tmp / input).string()};
    const auto spilled = testing::ScanToCorpus(options, tmp / "spilled");
    options.passages.enabled = false;
    options.events.enabled = false;
    const auto decoded = testing::ScanToCorpus(options, tmp / "decoded");
    REQUIRE(spilled->texts_spilled);
    REQUIRE_FALSE(decoded->texts_spilled);
    REQUIRE(decoded->docs.size() == 9);
    testing::CheckSameCorpus(*spilled, *decoded);

    uint64_t repaired_bytes = 0;
    bool saw_repair = false;
    for (uint32_t slot = 0; slot < decoded->docs.size(); ++slot) {
      const pipeline::ScannedDoc& doc = decoded->docs[slot];
      INFO(doc.id);
      CHECK(doc.text_in_raw);
      CHECK_FALSE(spilled->docs[slot].text_in_raw);
      CHECK(doc.text_repaired == spilled->docs[slot].text_repaired);
      std::string original, analyzed;
      CHECK(decoded->OriginalText(slot, &original).size() == doc.text_bytes);
      if (doc.text_repaired) {
        saw_repair = true;
        repaired_bytes += decoded->AnalyzedText(slot, &analyzed).size();
        CHECK(decoded->AnalyzedText(slot, &analyzed) != decoded->OriginalText(slot, &original));
      }
      std::vector<uint64_t> a, b;
      spilled->Shingles(slot, &a);
      decoded->Shingles(slot, &b);
      CHECK(a == b);
    }
    CHECK(saw_repair);  // seed 003
    std::string text;
    CHECK(decoded->OriginalText(1, &text) == "caf\u00e9 \U0001F600 na\u00efve / ok");
    CHECK(decoded->OriginalText(3, &text) == "the second\ntext");
    // Only the repaired text is spilled; the spilling scan holds every text.
    CHECK(fs::file_size(tmp / "decoded/texts") == repaired_bytes);
    CHECK(fs::file_size(tmp / "spilled/texts") > jsonl.size() / 2);
  }
}

TEST_CASE("DecodeJsonStringToken: a JSON string token, or false for anything else") {
  std::string text = "stale";
  CHECK(io::DecodeJsonStringToken("\"a\\tb\\u0041\"", &text));
  CHECK(text == "a\tbA");
  CHECK(io::DecodeJsonStringToken("\"\"", &text));
  CHECK(text.empty());
  for (const char* bad : {"\"unterminated", "\"bad \\x escape\"", "5", "", "{\"a\":1}"}) {
    INFO(bad);
    text = "stale";
    CHECK_FALSE(io::DecodeJsonStringToken(bad, &text));
    CHECK(text.empty());
  }
}

}  // namespace
}  // namespace neardup
