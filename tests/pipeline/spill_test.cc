// Tests for SpillFile: blobs read back as written, also after the mapped
// pages were released (reads past SpillFile::kReleaseBytes).
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "e2e_support.h"
#include "pipeline/spill.h"

namespace neardup::pipeline {
namespace {

TEST_CASE("views stay right across page releases, from several threads") {
  testing::TempDir tmp;
  absl::StatusOr<SpillFile> spill = SpillFile::Create((tmp / "spill").string());
  REQUIRE(spill.ok());
  std::mt19937 random(11);
  std::vector<std::string> blobs;
  std::vector<SpillRef> refs;
  uint64_t total = 0;
  while (total < 6 * SpillFile::kReleaseBytes) {  // several releases per pass
    std::string blob(1 + random() % 40000, '\0');
    for (char& c : blob) c = static_cast<char>('a' + random() % 26);
    total += blob.size();
    refs.push_back(spill->Append(blob));
    blobs.push_back(std::move(blob));
  }
  REQUIRE(spill->Seal().ok());
  // Views taken first and compared after many later reads released the pages.
  std::vector<std::string_view> early;
  for (const SpillRef& ref : refs) early.push_back(spill->View(ref));
  std::vector<int> mismatches(2, 0);
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&, t] {
      for (size_t k = 0; k < refs.size(); ++k) {
        const size_t i = t == 0 ? k : refs.size() - 1 - k;
        if (spill->View(refs[i]) != blobs[i]) ++mismatches[t];
      }
    });
  }
  for (std::thread& reader : readers) reader.join();
  CHECK(mismatches == std::vector<int>{0, 0});
  for (size_t i = 0; i < refs.size(); ++i) CHECK(early[i] == blobs[i]);
}

TEST_CASE("blobs written past the buffer and through it read back in order") {
  testing::TempDir tmp;
  absl::StatusOr<SpillFile> spill = SpillFile::Create((tmp / "spill").string());
  REQUIRE(spill.ok());
  // Small blobs are buffered, one of a buffer's worth or more is written at
  // once: the buffered ones before it must land before it.
  const std::vector<std::string> blobs = {std::string(100, 'a'), std::string(3 << 20, 'b'),
                                          std::string(10, 'c'), std::string(1 << 20, 'd'),
                                          std::string(5, 'e')};
  std::vector<SpillRef> refs;
  for (const std::string& blob : blobs) refs.push_back(spill->Append(blob));
  REQUIRE(spill->Seal().ok());
  for (size_t i = 0; i < blobs.size(); ++i) {
    INFO("blob " << i);
    CHECK(spill->View(refs[i]) == blobs[i]);
    std::string read;
    CHECK(spill->Read(refs[i], &read));
    CHECK(read == blobs[i]);
  }
  CHECK(std::filesystem::file_size(tmp / "spill") == (4u << 20) + 115);
}

}  // namespace
}  // namespace neardup::pipeline
