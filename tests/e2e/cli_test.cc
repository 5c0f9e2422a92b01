// The neardup command line: exit codes, messages and stdin input.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>

#include "absl/strings/str_format.h"
#include "e2e_support.h"
#include "sketch/lsh_params.h"

namespace neardup {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

struct Result {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

Result Run(const std::string& args) {
  const char* bin = std::getenv("NEARDUP_BIN");
  REQUIRE(bin != nullptr);
  const std::string command = std::string(bin) + " " + args + " 2>&1";
  Result result;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string Seeds() { return testing::SourceRoot() + "/samples/news"; }

TEST_CASE("usage errors exit 1 and say what to do") {
  CHECK(Run("").exit_code == 1);
  const Result no_output = Run("dedup " + Seeds());
  CHECK(no_output.exit_code == 1);
  CHECK(no_output.output.find("output") != std::string::npos);
  const Result bad_keep = Run("dedup " + Seeds() + " -o /tmp/x --keep biggest");
  CHECK(bad_keep.exit_code == 1);
  CHECK(bad_keep.output.find("--keep must be") != std::string::npos);
  CHECK(Run("frobnicate").exit_code == 1);
}

TEST_CASE("an unreadable input or unwritable output exits 2 naming the path") {
  TempDir tmp;
  const Result missing = Run("dedup " + (tmp / "nope.jsonl").string() + " -o " + (tmp / "out").string());
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("nope.jsonl") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "out"));
  const Result unwritable = Run("dedup " + Seeds() + " -o /proc/neardup-cannot-write/out");
  CHECK(unwritable.exit_code == 2);
  CHECK(unwritable.output.find("/proc/neardup-cannot-write") != std::string::npos);
  testing::WriteFile(tmp / "broken.jsonl.gz", std::string("\x1f\x8b\x08\x00 not gzip", 14));
  const Result broken = Run("dedup " + (tmp / "broken.jsonl.gz").string() + " -o " + (tmp / "out").string());
  CHECK(broken.exit_code == 2);  // a damaged input, not a damaged index (5)
  CHECK(broken.output.find("broken.jsonl.gz: broken gzip stream") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "out"));
}

TEST_CASE("a successful run exits 0 with a one-line summary, quiet with -q") {
  TempDir tmp;
  const Result ok = Run("dedup " + Seeds() + " -o " + (tmp / "out").string() + " --threads 1");
  CHECK(ok.exit_code == 0);
  CHECK(ok.output.find("5 records: 5 kept") != std::string::npos);
  const Result quiet = Run("dedup " + Seeds() + " -o " + (tmp / "out").string() + " -q");
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.output.empty());
}

TEST_CASE("JSONL on standard input") {
  TempDir tmp;
  testing::WriteFile(tmp / "in.jsonl",
                     "{\"id\":\"x\",\"text\":\"a b c d e f g h\"}\n{\"id\":\"y\",\"text\":\"a b c d e f g h\"}\n");
  const Result run = Run("dedup - -o " + (tmp / "out").string() + " < " + (tmp / "in.jsonl").string());
  CHECK(run.exit_code == 0);
  CHECK(run.output.find("2 records: 1 kept, 1 duplicates") != std::string::npos);
  CHECK(fs::exists(tmp / "out" / "corpus" / "stdin.jsonl"));
}

TEST_CASE("params prints the chosen banding and its S-curve") {
  const Result run = Run("params --threshold 0.8");
  CHECK(run.exit_code == 0);
  const sketch::BandsRows br = sketch::ChooseBandsRows(0.8, 128);
  CHECK(run.output.find(absl::StrFormat("%d bands x %d rows", br.bands, br.rows)) != std::string::npos);
  CHECK(run.output.find(absl::StrFormat("   0.80  %.4f", sketch::CandidateProbability(0.8, br))) !=
        std::string::npos);
}

}  // namespace
}  // namespace neardup
