// Hostile JSONL streams (compression, unreadable inputs): each TEST_CASE is
// one row of docs/HOSTILE_INPUT.md. A stream that cannot be read to its end
// is an error: RunDedup fails (the CLI exits 2) and writes nothing.
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#include <string>

#include "catch2/catch.hpp"
#include "hostile_support.h"

namespace neardup::testing {
namespace {

// Some records, long enough that their compressed form spans many blocks.
std::string SomeJsonl(int records) {
  std::string out;
  for (int i = 0; i < records; ++i) {
    out += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"record " + std::to_string(i) +
           " " + Prose(200) + "\"}\n";
  }
  return out;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  REQUIRE(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Runs on `input` with an older output already in place, and checks that the
// run failed naming the input and left the older output and nothing else.
absl::Status FailsCleanly(const TempDir& dir, const std::string& input) {
  WriteFile(dir / "out/marker", "an older run");
  const HostileRun run = RunOn(dir, {input});
  CHECK(!run.status.ok());
  CHECK(run.status.message().find(input) != std::string::npos);
  CHECK(ReadFile(dir / "out/marker") == "an older run");
  CHECK(!fs::exists(dir / "out/decisions.jsonl"));
  for (const fs::directory_entry& entry : fs::directory_iterator(dir.path())) {
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
  return run.status;
}

TEST_CASE("hostile stream: a gzip file truncated in the middle is an error") {
  TempDir dir;
  const std::string gz = Gzip(SomeJsonl(300));
  WriteFile(dir / "in.jsonl.gz", gz.substr(0, gz.size() / 2));
  const absl::Status status = FailsCleanly(dir, (dir / "in.jsonl.gz").string());
  CHECK(status.message().find("broken gzip stream") != std::string::npos);
  CHECK(status.message().find("re-download") != std::string::npos);
}

TEST_CASE("hostile stream: a zstd file truncated in the middle is an error") {
  TempDir dir;
  const std::string zst = Zstd(SomeJsonl(300));
  WriteFile(dir / "in.jsonl.zst", zst.substr(0, zst.size() / 2));
  const absl::Status status = FailsCleanly(dir, (dir / "in.jsonl.zst").string());
  CHECK(status.message().find("broken zstd stream") != std::string::npos);
}

TEST_CASE("hostile stream: garbage after a complete gzip member is an error") {
  TempDir dir;
  WriteFile(dir / "in.jsonl.gz", Gzip(SomeJsonl(3)) + "this is not gzip");
  FailsCleanly(dir, (dir / "in.jsonl.gz").string());
}

TEST_CASE("hostile stream: compression is detected by content, not by name") {
  TempDir dir;
  WriteFile(dir / "plain.jsonl.zst", SomeJsonl(2));
  WriteFile(dir / "packed.jsonl", Gzip(SomeJsonl(2)));
  WriteFile(dir / "empty.jsonl.gz", "");
  const HostileRun run = RunOn(dir, {(dir / "plain.jsonl.zst").string(),
                                     (dir / "empty.jsonl.gz").string()});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 2);
  CHECK(run.decisions[0].decision == "kept");
  TempDir other;
  const HostileRun packed = RunOn(other, {(dir / "packed.jsonl").string()});
  REQUIRE(packed.status.ok());
  CHECK(packed.decisions.size() == 2);
}

TEST_CASE("hostile stream: a JSONL input that cannot be read is an error") {
  TempDir dir;
  SECTION("read fails with EIO (a link to /proc/self/mem)") {
    if (!fs::exists("/proc/self/mem")) {
      WARN("no /proc/self/mem: section skipped");
      return;
    }
    fs::create_symlink("/proc/self/mem", dir / "in.jsonl");
    const absl::Status status = FailsCleanly(dir, (dir / "in.jsonl").string());
    CHECK(status.message().find("read failed") != std::string::npos);
  }
  SECTION("mode 000") {
    if (IgnoresFileModes()) {
      WARN("running as root: mode 000 does not block reading; the EIO "
           "section covers unreadable inputs");
      return;
    }
    WriteFile(dir / "in.jsonl", SomeJsonl(1));
    REQUIRE(chmod((dir / "in.jsonl").c_str(), 0) == 0);
    const absl::Status status = FailsCleanly(dir, (dir / "in.jsonl").string());
    CHECK(status.message().find("Permission denied") != std::string::npos);
  }
  SECTION("missing") {
    const absl::Status status = FailsCleanly(dir, (dir / "gone.jsonl").string());
    CHECK(absl::IsNotFound(status));
  }
}

}  // namespace
}  // namespace neardup::testing
