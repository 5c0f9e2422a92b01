// Crash safety of indexed runs: the process is killed (SIGKILL) at many
// points of a night; the index must stay consistent, the outputs must be the
// old or the new ones, never half, and a re-run must give exactly what an
// uninterrupted run gives. Also: a full disk ends the run cleanly.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "bench/corpus_gen.h"
#include "e2e_support.h"

extern char** environ;

namespace neardup {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::string Bin() {
  const char* bin = std::getenv("NEARDUP_BIN");
  REQUIRE(bin != nullptr);
  return bin;
}

// Starts neardup with `args` (stdout/stderr to `log`), extra environment
// entries first.
pid_t Start(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const fs::path& log) {
  std::vector<std::string> argv_storage{Bin()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage(env);
  for (char** e = environ; *e != nullptr; ++e) env_storage.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int Run(const std::vector<std::string>& args, const fs::path& log) {
  return Wait(Start(args, {}, log));
}

std::vector<std::string> NightArgs(const fs::path& input, const fs::path& out, const fs::path& index) {
  return {"dedup", input.string(), "-o", out.string(), "--index", index.string(), "-q",
          "--threads", "2"};
}

std::string IndexList(const fs::path& index, const fs::path& log) {
  REQUIRE(Run({"index", "list", "--index", index.string()}, log) == 0);
  return testing::ReadFile(log);
}

size_t Lines(const fs::path& file) {
  const std::string contents = testing::ReadFile(file);
  return static_cast<size_t>(std::count(contents.begin(), contents.end(), '\n'));
}

TEST_CASE("killing indexed runs at 24 points never loses or duplicates committed documents") {
  TempDir tmp;
  bench::CorpusSpec spec;
  spec.documents = 4000;
  spec.copy_fraction = 0.3;
  const auto docs = bench::GenerateCorpus(spec);
  std::vector<bench::GeneratedDoc> night1(docs.begin(), docs.begin() + docs.size() / 2);
  std::vector<bench::GeneratedDoc> night2(docs.begin() + docs.size() / 2, docs.end());
  testing::WriteFile(tmp / "night1.jsonl", bench::ToJsonl(night1));
  testing::WriteFile(tmp / "night2.jsonl", bench::ToJsonl(night2));
  const fs::path log = tmp / "log";

  // The reference: both nights without interruption.
  REQUIRE(Run(NightArgs(tmp / "night1.jsonl", tmp / "ref1", tmp / "base"), log) == 0);
  fs::copy(tmp / "base", tmp / "ref-index");
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(Run(NightArgs(tmp / "night2.jsonl", tmp / "ref2", tmp / "ref-index"), log) == 0);
  const auto night_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started).count();
  const std::string reference_decisions = testing::ReadFile(tmp / "ref2" / "decisions.jsonl");
  const std::string reference_index = IndexList(tmp / "ref-index", log);
  const std::string night1_index = IndexList(tmp / "base", log);

  struct Kill {
    std::string crash_point;  // fault point, or empty for a timed kill
    long delay_ms = 0;
  };
  std::vector<Kill> kills{{"after-scan"}, {"before-index-commit"}, {"after-index-commit"},
                          {"after-outputs-commit"}};
  for (int i = 0; i < 20; ++i) kills.push_back({"", night_ms * i / 20});

  int scenario = 0;
  for (const Kill& kill : kills) {
    ++scenario;
    INFO("scenario " << scenario << ": " << (kill.crash_point.empty() ? "timed kill" : kill.crash_point)
                     << " after " << kill.delay_ms << " ms");
    const fs::path index = tmp / ("index" + std::to_string(scenario));
    const fs::path out = tmp / ("out" + std::to_string(scenario));
    fs::copy(tmp / "base", index);
    std::vector<std::string> env;
    if (!kill.crash_point.empty()) env.push_back("NEARDUP_CRASH_AT=" + kill.crash_point);
    const pid_t pid = Start(NightArgs(tmp / "night2.jsonl", out, index), env, log);
    if (kill.crash_point.empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kill.delay_ms));
      ::kill(pid, SIGKILL);
    }
    Wait(pid);

    // The index opens and is consistent, and holds night 1 or nights 1+2.
    CHECK(Run({"index", "verify", "--index", index.string()}, log) == 0);
    const std::string listed = IndexList(index, log);
    CHECK((listed == night1_index || listed == reference_index));
    // The outputs are absent or complete.
    if (fs::exists(out)) {
      CHECK(testing::ReadFile(out / "decisions.jsonl") == reference_decisions);
    }
    // Re-running the night gives the uninterrupted run's outputs and index.
    REQUIRE(Run(NightArgs(tmp / "night2.jsonl", out, index), log) == 0);
    CHECK(testing::ReadFile(out / "decisions.jsonl") == reference_decisions);
    CHECK(Lines(out / "decisions.jsonl") == night2.size());
    CHECK(IndexList(index, log) == reference_index);
    fs::remove_all(index);
    fs::remove_all(out);
  }
}

TEST_CASE("a full disk ends the run with a clear error and an intact index") {
  TempDir tmp;
  bench::CorpusSpec spec;
  spec.documents = 1500;
  const auto docs = bench::GenerateCorpus(spec);
  testing::WriteFile(tmp / "night1.jsonl", bench::ToJsonl(std::vector(docs.begin(), docs.begin() + 500)));
  testing::WriteFile(tmp / "night2.jsonl", bench::ToJsonl(std::vector(docs.begin() + 500, docs.end())));
  const fs::path log = tmp / "log";
  REQUIRE(Run(NightArgs(tmp / "night1.jsonl", tmp / "out1", tmp / "index"), log) == 0);
  const std::string before = IndexList(tmp / "index", log);

  // A 1 MiB file size limit stands in for a full disk: writes fail with EFBIG.
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const rlimit limit{1 << 20, 1 << 20};
    setrlimit(RLIMIT_FSIZE, &limit);
    signal(SIGXFSZ, SIG_IGN);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    const std::string bin = Bin();
    const std::vector<std::string> args = NightArgs(tmp / "night2.jsonl", tmp / "out2", tmp / "index");
    std::vector<char*> argv{const_cast<char*>(bin.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  const int code = Wait(pid);
  const std::string message = testing::ReadFile(log);
  INFO(message);
  CHECK(code == 2);
  CHECK(message.find("File too large") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "out2"));
  CHECK(Run({"index", "verify", "--index", (tmp / "index").string()}, log) == 0);
  CHECK(IndexList(tmp / "index", log) == before);
}

}  // namespace
}  // namespace neardup
