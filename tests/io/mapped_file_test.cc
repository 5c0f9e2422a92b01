#include "io/mapped_file.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "test_files.h"

namespace neardup::io {
namespace {

using testing::TempDir;
using testing::WriteFile;

MappedFile MapWhole(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  absl::StatusOr<MappedFile> map = MappedFile::Map(fd, path);
  ::close(fd);
  REQUIRE(map.ok());
  return std::move(*map);
}

TEST_CASE("A mapped file tells when it was changed after it was mapped", "[io][mapped_file]") {
  const TempDir dir;
  const std::string path = dir.Path("input.jsonl");
  const std::string contents = "{\"id\":\"a\",\"text\":\"one\"}\n";
  WriteFile(path, contents);
  {
    const MappedFile map = MapWhole(path);
    CHECK(map.size() == contents.size());  // the whole file
    CHECK(map.View(0, 9) == "{\"id\":\"a\"");
    CHECK(map.CheckUnchanged().ok());
  }
  {
    WriteFile(dir.Path("empty"), "");
    const int fd = ::open(dir.Path("empty").c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    CHECK(absl::IsFailedPrecondition(MappedFile::Map(fd, dir.Path("empty")).status()));
    ::close(fd);
  }
  SECTION("rewritten in place") {
    const MappedFile map = MapWhole(path);
    ::usleep(20'000);  // a modification time the file system can tell apart
    WriteFile(path, "{\"id\":\"b\",\"text\":\"two\"}\n");  // same size
    const absl::Status status = map.CheckUnchanged();
    CHECK(absl::IsUnavailable(status));
    CHECK(status.message().find(path) != std::string::npos);
    CHECK(status.message().find("changed while neardup was running") != std::string::npos);
  }
  SECTION("replaced by another file") {
    const MappedFile map = MapWhole(path);
    WriteFile(dir.Path("other"), "{\"id\":\"a\",\"text\":\"one\"}\n");
    REQUIRE(::rename(dir.Path("other").c_str(), path.c_str()) == 0);
    CHECK_FALSE(map.CheckUnchanged().ok());
  }
  SECTION("removed") {
    const MappedFile map = MapWhole(path);
    REQUIRE(::unlink(path.c_str()) == 0);
    CHECK_FALSE(map.CheckUnchanged().ok());
  }
}

TEST_CASE("Read copies bytes of a mapped file without mapping them", "[io][mapped_file]") {
  const TempDir dir;
  const std::string path = dir.Path("input.jsonl");
  std::string contents;
  for (int i = 0; i < 20000; ++i) contents += "line " + std::to_string(i) + "\n";
  WriteFile(path, contents);
  const MappedFile map = MapWhole(path);  // its descriptor is closed: Read uses its own
  std::string out = "stale";
  for (uint64_t offset : {uint64_t{0}, uint64_t{4095}, uint64_t{70000}, contents.size() - 7}) {
    INFO(offset);
    REQUIRE(map.Read(offset, 7, &out));
    CHECK(out == contents.substr(offset, 7));
    CHECK(out == map.View(offset, 7));
  }
  CHECK(map.Read(10, 0, &out));
  CHECK(out.empty());
  SECTION("past the end of a file that shrank") {
    REQUIRE(::truncate(path.c_str(), 100) == 0);
    out = "stale";
    CHECK_FALSE(map.Read(90, 20, &out));
    CHECK(out.empty());
    REQUIRE(map.Read(90, 10, &out));
    CHECK(out == contents.substr(90, 10));
  }
}

TEST_CASE("Reading a mapped file that shrank stops the process with a message",
          "[io][mapped_file]") {
  const TempDir dir;
  const std::string path = dir.Path("input.jsonl");
  WriteFile(path, std::string(3 * 4096, 'x'));
  const MappedFile map = MapWhole(path);
  REQUIRE(::truncate(path.c_str(), 0) == 0);
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(pipe_fds[1], STDERR_FILENO);
    const std::string_view page = map.View(2 * 4096, 16);  // past the new end
    ::_exit(page[0] == 'x' ? 0 : 1);  // not reached: the read raises SIGBUS
  }
  ::close(pipe_fds[1]);
  std::string message;
  char buffer[256];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(message.find("shrank while neardup was running") != std::string::npos);
}

}  // namespace
}  // namespace neardup::io
