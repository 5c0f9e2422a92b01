// Tests for ShareInputs: contiguous, in order, complete, balanced by bytes.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dist/input_share.h"
#include "e2e_support.h"

namespace neardup {
namespace {

using testing::TempDir;

TEST_CASE("inputs are shared out in contiguous ranges of about equal bytes") {
  TempDir tmp;
  std::vector<std::string> inputs;
  for (int i = 0; i < 8; ++i) {
    const std::string path = (tmp / ("part" + std::to_string(i) + ".jsonl")).string();
    testing::WriteFile(path, std::string(i == 0 ? 4000 : 1000, 'x'));
    inputs.push_back(path);
  }
  testing::WriteFile(tmp / "folder" / "a.txt", std::string(3000, 'y'));
  testing::WriteFile(tmp / "folder" / "sub" / "b.txt", std::string(1000, 'y'));
  testing::WriteFile(tmp / "folder" / "ignored.bin", std::string(100000, 'z'));
  inputs.push_back((tmp / "folder").string());  // 4000 bytes of .txt

  for (int ranks : {1, 2, 3, 4, 16}) {
    absl::StatusOr<std::vector<io::InputRange>> shares = dist::ShareInputs(inputs, ranks);
    REQUIRE(shares.ok());
    REQUIRE(shares->size() == static_cast<size_t>(ranks));
    size_t next = 0;
    for (const io::InputRange& range : *shares) {
      CHECK(range.first == next);
      CHECK(range.last >= range.first);
      next = range.last;
    }
    CHECK(next == inputs.size());
  }
  // 15000 bytes in all, quotas at 5000 and 10000: a rank takes every input
  // that starts before its quota (inputs start at 0, 4000, 5000, ..., 11000).
  absl::StatusOr<std::vector<io::InputRange>> three = dist::ShareInputs(inputs, 3);
  REQUIRE(three.ok());
  CHECK((*three)[0].last == 2);
  CHECK((*three)[1].last == 7);
  CHECK((*three)[2].last == 9);
}

TEST_CASE("standard input is refused when there is more than one rank") {
  CHECK(dist::ShareInputs({"-"}, 1).ok());
  absl::StatusOr<std::vector<io::InputRange>> shares = dist::ShareInputs({"a.jsonl", "-"}, 2);
  REQUIRE_FALSE(shares.ok());
  CHECK(std::string(shares.status().message()).find("standard input") != std::string::npos);
}

}  // namespace
}  // namespace neardup
