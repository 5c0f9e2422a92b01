// Hostile .txt folders: each TEST_CASE is one row of docs/HOSTILE_INPUT.md.
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "catch2/catch.hpp"
#include "hostile_support.h"
#include "io/record_reader.h"

namespace neardup::testing {
namespace {

constexpr char kNotRegular[] =
    "not a regular file (a FIFO, socket or device named *.txt); "
    "move it out of the input folder";

TEST_CASE("hostile txt: binary files and NUL bytes are rejected as binary") {
  TempDir dir;
  std::string all_bytes;
  for (int i = 0; i < 4096; ++i) all_bytes += static_cast<char>(i % 256);
  WriteFile(dir / "in/bin.txt", all_bytes);
  WriteFile(dir / "in/nul.txt", "some" + std::string(1, '\0') + "text " + Prose());
  WriteFile(dir / "in/ok.txt", Prose());
  const HostileRun run = RunOn(dir, {(dir / "in").string()});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 3);
  CHECK(run.Of("bin.txt").reason == "binary file");
  CHECK(run.Of("nul.txt").reason == "binary file");
  CHECK(run.Of("ok.txt").decision == "kept");
}

TEST_CASE("hostile txt: control characters, CRLF and a BOM are read as text") {
  TempDir dir;
  WriteFile(dir / "in/ctl.txt", "alpha\x01\x02\x1b\x7f beta " + Prose(10));
  WriteFile(dir / "in/crlf.txt", "alpha\r\nbeta\r\n" + Prose(10) + "\r\n");
  WriteFile(dir / "in/bom.txt", "\xEF\xBB\xBF" "alpha beta " + Prose(10));
  const HostileRun run = RunOn(dir, {(dir / "in").string()});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 3);
  for (const char* id : {"bom.txt", "crlf.txt", "ctl.txt"}) {
    CHECK(run.Of(id).decision != "rejected");
    CHECK(run.Of(id).words == 12);  // "alpha", "beta" and the ten prose words
  }
}

TEST_CASE("hostile txt: invalid UTF-8 is replaced and counted") {
  TempDir dir;
  WriteFile(dir / "in/bad.txt", "caf\xE9 na\xC3ve " + Prose(20));
  const HostileRun run = RunOn(dir, {(dir / "in").string()});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 1);
  CHECK(run.decisions[0].decision == "kept");
  CHECK(run.decisions[0].invalid_utf8_replaced == 2);
}

TEST_CASE("hostile txt: an empty file is kept as an empty document") {
  TempDir dir;
  WriteFile(dir / "in/empty.txt", "");
  WriteFile(dir / "in/ok.txt", Prose());
  const HostileRun run = RunOn(dir, {(dir / "in").string()});
  REQUIRE(run.status.ok());
  CHECK(run.Of("empty.txt").decision == "kept");
  CHECK(run.Of("empty.txt").empty);
  CHECK(run.Of("empty.txt").words == 0);
  CHECK(run.summary.empty == 1);
}

TEST_CASE("hostile txt: a file name with a newline and quotes round-trips") {
  TempDir dir;
  const std::string name = "new\nline \"quoted\".txt";
  WriteFile(dir / "in" / name, Prose());
  const HostileRun run = RunOn(dir, {(dir / "in").string()});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 1);  // still one line in decisions.jsonl
  CHECK(run.decisions[0].id == name);
  CHECK(run.decisions[0].decision == "kept");
  CHECK(fs::exists(run.output / "corpus" / "in" / name));
}

TEST_CASE("hostile txt: an unreadable file is rejected with the system's reason") {
  TempDir dir;
  WriteFile(dir / "in/ok.txt", Prose());
  SECTION("mode 000") {
    if (IgnoresFileModes()) {
      WARN("running as root: mode 000 does not block reading; the EIO "
           "section covers unreadable files");
      return;
    }
    WriteFile(dir / "in/locked.txt", Prose());
    REQUIRE(chmod((dir / "in/locked.txt").c_str(), 0) == 0);
    const HostileRun run = RunOn(dir, {(dir / "in").string()});
    REQUIRE(run.status.ok());
    CHECK(run.Of("locked.txt").reason == "cannot read: Permission denied");
  }
  SECTION("read fails with EIO (a link to /proc/self/mem, unreadable at offset 0)") {
    if (!fs::exists("/proc/self/mem")) {
      WARN("no /proc/self/mem: section skipped");
      return;
    }
    fs::create_symlink("/proc/self/mem", dir / "in/eio.txt");
    const HostileRun run = RunOn(dir, {(dir / "in").string()});
    REQUIRE(run.status.ok());
    REQUIRE(run.decisions.size() == 2);
    CHECK(run.Of("eio.txt").reason == "cannot read: Input/output error");
    CHECK(run.Of("ok.txt").decision == "kept");
  }
}

TEST_CASE("hostile txt: a dangling link, a FIFO and a folder named *.txt") {
  TempDir dir;
  WriteFile(dir / "in/ok.txt", Prose());
  fs::create_symlink(dir / "nowhere", dir / "in/dangling.txt");
  REQUIRE(mkfifo((dir / "in/fifo.txt").c_str(), 0600) == 0);
  WriteFile(dir / "in/folder.txt/inner.txt", "inner words only");
  const HostileRun run = RunOn(dir, {(dir / "in").string()});
  REQUIRE(run.status.ok());
  REQUIRE(run.decisions.size() == 4);  // the folder itself is not a record
  CHECK(run.Of("dangling.txt").reason == "cannot read: No such file or directory");
  CHECK(run.Of("fifo.txt").reason == kNotRegular);  // and the run did not block
  CHECK(run.Of("folder.txt/inner.txt").decision == "kept");
  CHECK(run.Of("ok.txt").decision == "kept");
}

TEST_CASE("hostile txt: a file that vanishes after listing is rejected") {
  // RunDedup lists and reads in one call, so the vanishing happens between
  // two reads of the record reader the pipeline uses.
  TempDir dir;
  WriteFile(dir / "in/a.txt", Prose());
  WriteFile(dir / "in/b.txt", Prose());
  auto reader = io::OpenRecordReader({(dir / "in").string()}, InputOptions());
  REQUIRE(reader.ok());
  Record record;
  REQUIRE(*(*reader)->Next(&record));
  REQUIRE(fs::remove(dir / "in/b.txt"));
  REQUIRE(*(*reader)->Next(&record));
  CHECK(record.id == "b.txt");
  CHECK(record.rejection == "cannot read: No such file or directory");
  CHECK(!*(*reader)->Next(&record));
}

TEST_CASE("hostile txt: a file over --max-record-bytes is rejected unread") {
  TempDir dir;
  WriteFile(dir / "in/big.txt", std::string(5000, 'a'));
  WriteFile(dir / "in/ok.txt", Prose());
  const HostileRun run = RunOn(dir, {(dir / "in").string()},
                               [](Options& o) { o.input.max_record_bytes = 4096; });
  REQUIRE(run.status.ok());
  CHECK(run.Of("big.txt").reason ==
        "record too large (5000 bytes > limit 4096; raise --max-record-bytes)");
  CHECK(run.Of("ok.txt").decision == "kept");
}

}  // namespace
}  // namespace neardup::testing
