// Tests for OutputDir (atomic output folder) and WriteFileAtomically.
#include "io/output_dir.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "test_files.h"

namespace neardup::io {
namespace {

namespace fs = std::filesystem;
using testing::Exists;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// Names in `folder`, sorted.
std::vector<std::string> Listing(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("OutputDir: commit into a new folder") {
  TempDir dir;
  const std::string out = dir.Path("out");
  {
    absl::StatusOr<OutputDir> o = OutputDir::Create(out);
    REQUIRE(o.ok());
    CHECK(fs::path(o->temp_path()).parent_path() == fs::path(dir.path()));
    CHECK(fs::path(o->temp_path()).filename().string().rfind(".out.tmp-", 0) ==
          0);
    CHECK(!Exists(out));
    WriteFile(o->Path("clusters.jsonl"), "new\n");
    REQUIRE(o->Commit().ok());
  }
  CHECK(ReadFile(out + "/clusters.jsonl") == "new\n");
  CHECK(Listing(dir.path()) == std::vector<std::string>{"out"});
}

TEST_CASE("OutputDir: commit over an existing folder replaces it") {
  TempDir dir;
  const std::string out = dir.Path("out");
  WriteFile(out + "/old.txt", "old");
  WriteFile(out + "/sub/older.txt", "older");
  {
    absl::StatusOr<OutputDir> o = OutputDir::Create(out);
    REQUIRE(o.ok());
    WriteFile(o->Path("new.txt"), "new");
    REQUIRE(o->Commit().ok());
    CHECK(!o->Commit().ok());  // only once
  }
  CHECK(Listing(out) == std::vector<std::string>{"new.txt"});
  CHECK(ReadFile(out + "/new.txt") == "new");
  CHECK(Listing(dir.path()) == std::vector<std::string>{"out"});
}

TEST_CASE("OutputDir: an uncommitted folder leaves the old one") {
  TempDir dir;
  const std::string out = dir.Path("out");
  WriteFile(out + "/old.txt", "old");
  {
    absl::StatusOr<OutputDir> o = OutputDir::Create(out);
    REQUIRE(o.ok());
    WriteFile(o->Path("partial.txt"), "half");
    // A moved-to OutputDir still cleans up once.
    OutputDir moved = *std::move(o);
    CHECK(Exists(moved.temp_path()));
  }
  CHECK(Listing(out) == std::vector<std::string>{"old.txt"});
  CHECK(Listing(dir.path()) == std::vector<std::string>{"out"});
}

// A process id that no longer exists: a child that has exited and been reaped.
pid_t DeadPid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

std::string ThisHost() {
  char name[256] = {};
  gethostname(name, sizeof(name) - 1);
  return name;
}

TEST_CASE("OutputDir: removes what killed runs on this machine left, nothing else") {
  TempDir dir;
  const std::string out = dir.Path("out");
  const std::string host = ThisHost();
  const std::string dead = ".out.tmp-" + host + "-" + std::to_string(DeadPid()) + "-1a2b";
  const std::string live = ".out.tmp-" + host + "-" + std::to_string(getppid()) + "-3c4d";
  const std::string other_host = ".out.tmp-" + host + "x-" + std::to_string(DeadPid()) + "-5e";
  const std::string other_output = ".out2.tmp-" + host + "-" + std::to_string(DeadPid()) + "-6f";
  for (const std::string& name : {dead, live, other_host, other_output}) {
    WriteFile(dir.Path(name + "/decisions.jsonl"), "half");
  }
  absl::StatusOr<OutputDir> o = OutputDir::Create(out);
  REQUIRE(o.ok());
  CHECK(!Exists(dir.Path(dead)));
  CHECK(Exists(dir.Path(live)));
  CHECK(Exists(dir.Path(other_host)));
  CHECK(Exists(dir.Path(other_output)));
  CHECK(fs::path(o->temp_path()).filename().string().rfind(
            ".out.tmp-" + host + "-" + std::to_string(getpid()) + "-", 0) == 0);
}

TEST_CASE("OutputDir: bad places to write") {
  TempDir dir;
  absl::StatusOr<OutputDir> no_parent =
      OutputDir::Create(dir.Path("missing/out"));
  REQUIRE(!no_parent.ok());
  CHECK(std::string(no_parent.status().message()) ==
        "cannot create output folder next to " + dir.Path("missing/out") +
            ": No such file or directory; check that the parent exists and "
            "is writable");
  WriteFile(dir.Path("file"), "x");
  absl::StatusOr<OutputDir> over_file = OutputDir::Create(dir.Path("file"));
  REQUIRE(!over_file.ok());
  CHECK(std::string(over_file.status().message()).find("is not a folder") !=
        std::string::npos);
}

TEST_CASE("WriteFileAtomically: replaces contents, leaves no temp file") {
  TempDir dir;
  const std::string path = dir.Path("stats.json");
  REQUIRE(WriteFileAtomically(path, "{\"a\":1}").ok());
  REQUIRE(WriteFileAtomically(path, "{\"a\":2}").ok());
  CHECK(ReadFile(path) == "{\"a\":2}");
  CHECK(Listing(dir.path()) == std::vector<std::string>{"stats.json"});
  const absl::Status bad =
      WriteFileAtomically(dir.Path("missing/x.json"), "x");
  CHECK(!bad.ok());
  CHECK(std::string(bad.message()).find(dir.Path("missing/x.json")) !=
        std::string::npos);
}

}  // namespace
}  // namespace neardup::io
