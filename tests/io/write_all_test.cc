#include "io/write_all.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "test_files.h"

namespace neardup::io {
namespace {

using testing::ReadFile;
using testing::TempDir;

TEST_CASE("WriteAll writes every byte, or says why it could not", "[io][write_all]") {
  const TempDir dir;
  const std::string path = dir.Path("out.bin");
  std::string bytes(3 << 20, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 + i / 4096);

  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  CHECK(WriteAll(fd, bytes) == 0);
  CHECK(WriteAll(fd, "") == 0);
  CHECK(WriteAll(fd, "tail") == 0);
  ::close(fd);
  CHECK(ReadFile(path) == bytes + "tail");

  // A descriptor open for reading only.
  const int read_only = ::open(path.c_str(), O_RDONLY);
  REQUIRE(read_only >= 0);
  CHECK(WriteAll(read_only, "x") == EBADF);
  ::close(read_only);

  // A full disk, where the system offers one to test with.
  const int full = ::open("/dev/full", O_WRONLY);
  if (full >= 0) {
    CHECK(WriteAll(full, bytes) == ENOSPC);
    ::close(full);
  }
}

}  // namespace
}  // namespace neardup::io
