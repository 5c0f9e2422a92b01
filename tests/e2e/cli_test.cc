// The neardup command line: exit codes, messages and stdin input.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <vector>

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
  const Result bad_sketch = Run("dedup " + Seeds() + " -o /tmp/x --sketch minhash");
  CHECK(bad_sketch.exit_code == 1);
  CHECK(bad_sketch.output.find("--sketch must be fast or classic") != std::string::npos);
  CHECK(Run("frobnicate").exit_code == 1);
}

TEST_CASE("--version names the release and the allocator the build chose") {
  const char* version = std::getenv("NEARDUP_VERSION");
  const char* allocator = std::getenv("NEARDUP_ALLOCATOR");
  REQUIRE(version != nullptr);
  REQUIRE(allocator != nullptr);
  const Result result = Run("--version");
  CHECK(result.exit_code == 0);
  CHECK(result.output.rfind(std::string("neardup ") + version + "\n", 0) == 0);
  if (std::string(allocator) == "jemalloc") {
    // malloc_conf was read: jemalloc runs with its heap on huge pages.
    CHECK(result.output.find("allocator: jemalloc 5.") != std::string::npos);
    CHECK(result.output.find("(thp:always)") != std::string::npos);
  } else {
    CHECK(result.output.find("allocator: the C library's malloc") != std::string::npos);
  }
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

// Starts neardup with NEARDUP_STOP_AT=after-scan, calls `change` once it
// has stopped there, lets it go on and returns how it ended.
Result RunChangingInputAfterScan(const std::vector<std::string>& args,
                                 const std::function<void()>& change) {
  const char* bin = std::getenv("NEARDUP_BIN");
  REQUIRE(bin != nullptr);
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::setenv("NEARDUP_STOP_AT", "after-scan", 1);
    std::vector<char*> argv = {const_cast<char*>(bin)};
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execv(bin, argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, WUNTRACED) == child);
  REQUIRE(WIFSTOPPED(status));
  change();
  ::kill(child, SIGCONT);
  Result result;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
    result.output.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  REQUIRE(::waitpid(child, &status, 0) == child);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST_CASE("an input changed during the run stops it with exit 2 and leaves OUT alone") {
  // Raw lines of a plain JSONL file are read in place when the cleaned corpus
  // is written, so a changed input must not be half-used.
  TempDir tmp;
  const fs::path input = tmp / "in.jsonl";
  const std::string one = "{\"id\":\"x\",\"text\":\"a b c d e f g h\"}\n";
  const std::string two = "{\"id\":\"y\",\"text\":\"i j k l m n o p\"}\n";
  const std::vector<std::string> args = {"dedup", input.string(), "-o", (tmp / "out").string(),
                                         "--threads", "1"};
  SECTION("rewritten, same size") {
    testing::WriteFile(input, one + one);
    const Result run = RunChangingInputAfterScan(args, [&] {
      ::usleep(20'000);  // a modification time the file system tells apart
      testing::WriteFile(input, two + two);
    });
    CHECK(run.exit_code == 2);
    CHECK(run.output.find(input.string() + ": the file changed while neardup was running") !=
          std::string::npos);
  }
  SECTION("cut short: its lines can no longer be read") {
    testing::WriteFile(input, one + std::string(3 * 4096, ' ') + "\n" + two);
    const Result run =
        RunChangingInputAfterScan(args, [&] { fs::resize_file(input, 10); });
    CHECK(run.exit_code == 2);
    CHECK(run.output.find(input.string() + ": the file changed while neardup was running") !=
          std::string::npos);
  }
  SECTION("a scratch file cut short: its band keys can no longer be read") {
    testing::WriteFile(input, one + two);
    const Result run = RunChangingInputAfterScan(args, [&] {
      for (const fs::directory_entry& entry : fs::directory_iterator(tmp.path())) {
        const fs::path keys = entry.path() / ".scratch" / "band-keys";
        if (fs::exists(keys)) fs::resize_file(keys, 0);
      }
    });
    CHECK(run.exit_code == 2);
    CHECK(run.output.find("a scratch file in the output folder's temporary folder could not be "
                          "read back") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(tmp / "out"));
  // Unchanged, the same run succeeds.
  testing::WriteFile(input, one + two);
  const Result unchanged = RunChangingInputAfterScan(args, [] {});
  CHECK(unchanged.exit_code == 0);
  CHECK(fs::exists(tmp / "out" / "corpus" / "in.jsonl"));
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
