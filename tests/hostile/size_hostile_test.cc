// Hostile sizes: each TEST_CASE is one row of docs/HOSTILE_INPUT.md. The
// sizes are scaled down to keep the suite fast; docs/HOSTILE_INPUT.md gives
// the full-size manual runs (100 MB line, 10 million words) with their peak
// memory.
#include <random>
#include <string>

#include "catch2/catch.hpp"
#include "hostile_support.h"

namespace neardup::testing {
namespace {

// `count` one-letter words drawn from a..z with a fixed seed.
std::string OneLetterWords(size_t count, uint32_t seed) {
  std::mt19937 random(seed);
  std::string out;
  out.reserve(count * 2);
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += ' ';
    out += static_cast<char>('a' + random() % 26);
  }
  return out;
}

TEST_CASE("hostile size: a single line over the record limit is skipped while streaming") {
  // Full size (a 100 MB line against the 64 MiB default) is a manual run;
  // a 5 MiB line against a 1 MiB limit takes the same path. Raised to 8 MiB,
  // the limit lets the line through and the line splitter must grow past its
  // 4 MiB first buffer.
  TempDir dir;
  const size_t big = 5u << 20;
  const std::string line = "{\"id\":\"big\",\"text\":\"" + std::string(big, 'w') + "\"}";
  WriteFile(dir / "in.jsonl",
            line + "\n{\"id\":\"after\",\"text\":\"" + Prose() + "\"}\n" + line);
  const HostileRun run = RunOn(dir, {(dir / "in.jsonl").string()},
                               [](Options& o) { o.input.max_record_bytes = 1u << 20; });
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 3);
  const std::string reason = "record too large (" + std::to_string(line.size()) +
                             " bytes > limit 1048576; raise --max-record-bytes)";
  CHECK(run.decisions[0].reason == reason);
  CHECK(run.decisions[0].id == "in.jsonl:1");
  CHECK(run.decisions[1].id == "after");
  CHECK(run.decisions[1].decision == "kept");
  CHECK(run.decisions[2].reason == reason);  // the last line, without newline

  TempDir raised;
  const HostileRun kept = RunOn(raised, {(dir / "in.jsonl").string()},
                                [](Options& o) { o.input.max_record_bytes = 8u << 20; });
  REQUIRE(kept.status.ok());
  CHECK(kept.decisions[0].decision == "kept");
  CHECK(kept.decisions[0].words == 1);
}

TEST_CASE("hostile size: a record of a million one-letter words passes every stage") {
  // Full size (10 million words) is a manual run, see docs/HOSTILE_INPUT.md.
  TempDir dir;
  const size_t words = 1000000;
  const std::string text = OneLetterWords(words, 1);
  WriteFile(dir / "in.jsonl",
            "{\"id\":\"many\",\"text\":\"" + text + "\"}\n" +
                "{\"id\":\"part\",\"text\":\"" + text.substr(0, text.size() / 4 * 3) + "\"}\n" +
                "{\"id\":\"other\",\"text\":\"" + OneLetterWords(words, 2) + "\"}\n");
  const HostileRun run = RunOn(dir, {(dir / "in.jsonl").string()});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 3);
  CHECK(run.Of("many").decision == "kept");
  CHECK(run.Of("many").words == words);
  // Three quarters of a random stream hold about three quarters of its
  // 5-word shingles (Jaccard ~0.75 > 0.5); two independent streams share
  // almost none.
  CHECK(run.Of("part").decision == "duplicate");
  CHECK(run.Of("other").decision == "kept");
}

}  // namespace
}  // namespace neardup::testing
