// Test helper for tests that link the pipeline: scanning inputs into a
// corpus the way a run does.
#ifndef NEARDUP_TESTS_E2E_SCAN_SUPPORT_H_
#define NEARDUP_TESTS_E2E_SCAN_SUPPORT_H_

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <optional>

#include "io/record_reader.h"
#include "neardup/options.h"
#include "pipeline/corpus.h"

namespace neardup::testing {

// Scans `range` of options.inputs (all when not given) into a corpus spilled
// into `scratch` (created); REQUIREs that every step works.
inline std::unique_ptr<pipeline::ScannedCorpus> ScanToCorpus(
    const Options& options, const std::filesystem::path& scratch,
    std::optional<io::InputRange> range = std::nullopt) {
  std::filesystem::create_directories(scratch);
  absl::StatusOr<pipeline::CorpusBuilder> builder =
      pipeline::CorpusBuilder::Create(options, scratch.string(), /*check_ids=*/false);
  REQUIRE(builder.ok());
  REQUIRE(pipeline::ScanInputs(options, range, &*builder).ok());
  absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> corpus = builder->Finish();
  REQUIRE(corpus.ok());
  return std::move(*corpus);
}

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_E2E_SCAN_SUPPORT_H_
