// Tests for BandKeyFile: every band of every block reads back as BandKey of
// the appended signatures (full blocks and a partial last one), banding over
// the file finds what banding over the signatures finds, and a file cut
// short under the run is reported, not read as keys.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <random>
#include <vector>

#include "e2e_support.h"
#include "pipeline/band_key_file.h"
#include "sketch/banding.h"

namespace neardup::pipeline {
namespace {

using sketch::kKeyBlock;

constexpr int kNumPerm = 16;
constexpr sketch::BandsRows kBandsRows{5, 3};

// `count` signatures of small values, so that many slots share bands.
std::vector<uint32_t> Signatures(uint32_t count) {
  std::mt19937 random(7);
  std::vector<uint32_t> signatures(static_cast<size_t>(count) * kNumPerm);
  for (uint32_t& value : signatures) value = random() % 3;
  return signatures;
}

absl::StatusOr<BandKeyFile> WriteKeys(const std::filesystem::path& path,
                                      const std::vector<uint32_t>& signatures) {
  absl::StatusOr<BandKeyFile> file = BandKeyFile::Create(path.string(), kBandsRows);
  if (!file.ok()) return file;
  std::vector<uint64_t> keys(kBandsRows.bands);
  for (size_t at = 0; at < signatures.size(); at += kNumPerm) {
    sketch::BandKeys(signatures.data() + at, kBandsRows, keys.data());
    file->Append(keys);
  }
  if (absl::Status s = file->Seal(); !s.ok()) return s;
  return file;
}

TEST_CASE("band keys read back per band and block as BandKey of each signature") {
  testing::TempDir tmp;
  for (uint32_t count : {1u, kKeyBlock, 2 * kKeyBlock + 5}) {
    INFO(count << " slots");
    const std::vector<uint32_t> signatures = Signatures(count);
    absl::StatusOr<BandKeyFile> file = WriteKeys(tmp / "keys", signatures);
    REQUIRE(file.ok());
    int mismatches = 0;
    std::vector<uint64_t> keys(kKeyBlock);
    for (uint32_t first = 0; first < count; first += kKeyBlock) {
      const uint32_t in_block = std::min(kKeyBlock, count - first);
      for (int band = 0; band < kBandsRows.bands; ++band) {
        REQUIRE(file->Read(band, first, in_block, keys.data()));
        for (uint32_t i = 0; i < in_block; ++i) {
          const uint32_t* signature = signatures.data() + (first + i) * size_t{kNumPerm};
          mismatches += keys[i] != sketch::BandKey(signature, kBandsRows, band) ? 1 : 0;
        }
      }
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("banding over spilled band keys finds the pairs banding over signatures finds") {
  testing::TempDir tmp;
  const uint32_t count = kKeyBlock + 300;
  const std::vector<uint32_t> signatures = Signatures(count);
  absl::StatusOr<BandKeyFile> file = WriteKeys(tmp / "keys", signatures);
  REQUIRE(file.ok());
  std::vector<bool> eligible(count, true);
  eligible[17] = false;
  for (int threads : {1, 2}) {
    // Read from banding's threads: counted, and checked here (Catch's
    // assertions are not thread-safe).
    std::atomic<int> failed_reads{0};
    const auto from_file = sketch::FindCandidates(
        count,
        [&](int band, uint32_t first, uint32_t n, uint64_t* keys) {
          if (!file->Read(band, first, n, keys)) failed_reads.fetch_add(1);
        },
        eligible, kBandsRows, threads);
    const auto from_signatures =
        sketch::FindCandidates(signatures, kNumPerm, eligible, kBandsRows, threads);
    CHECK(failed_reads.load() == 0);
    CHECK(from_file.size() > count);
    CHECK(from_file == from_signatures);
  }
}

TEST_CASE("a band key file cut short under the run fails to read") {
  testing::TempDir tmp;
  const uint32_t count = 2 * kKeyBlock;
  absl::StatusOr<BandKeyFile> file = WriteKeys(tmp / "keys", Signatures(count));
  REQUIRE(file.ok());
  std::filesystem::resize_file(tmp / "keys", kKeyBlock * sizeof(uint64_t));
  std::vector<uint64_t> keys(kKeyBlock);
  CHECK(file->Read(0, 0, kKeyBlock, keys.data()));
  CHECK_FALSE(file->Read(kBandsRows.bands - 1, kKeyBlock, kKeyBlock, keys.data()));
}

}  // namespace
}  // namespace neardup::pipeline
