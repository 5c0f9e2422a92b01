// Test helper for tests that link the pipeline: scanning inputs into a
// corpus the way a run does.
#ifndef NEARDUP_TESTS_E2E_SCAN_SUPPORT_H_
#define NEARDUP_TESTS_E2E_SCAN_SUPPORT_H_

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/record_reader.h"
#include "neardup/options.h"
#include "pipeline/corpus.h"
#include "sketch/banding.h"

namespace neardup::testing {

// Scans `range` of options.inputs (all when not given) into a corpus spilled
// into `scratch` (created), keeping signatures unless told not to; REQUIREs
// that every step works.
inline std::unique_ptr<pipeline::ScannedCorpus> ScanToCorpus(
    const Options& options, const std::filesystem::path& scratch,
    std::optional<io::InputRange> range = std::nullopt, bool keep_signatures = true) {
  std::filesystem::create_directories(scratch);
  absl::StatusOr<pipeline::CorpusBuilder> builder = pipeline::CorpusBuilder::Create(
      options, scratch.string(), /*check_ids=*/false, keep_signatures);
  REQUIRE(builder.ok());
  REQUIRE(pipeline::ScanInputs(options, range, &*builder).ok());
  absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> corpus = builder->Finish();
  REQUIRE(corpus.ok());
  return std::move(*corpus);
}

// CHECKs that `got` holds what `expected` holds, record by record and
// document by document: outcomes, document fields, texts, raw bytes, band
// keys and (when both kept them) signatures, the input bytes and the run
// fingerprint.
inline void CheckSameCorpus(const pipeline::ScannedCorpus& expected,
                            const pipeline::ScannedCorpus& got) {
  const pipeline::ScannedCorpus& a = expected;
  const pipeline::ScannedCorpus& b = got;
  REQUIRE(b.records.size() == a.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) {
    INFO("record " << i);
    CHECK(b.records[i].input == a.records[i].input);
    CHECK(b.records[i].line == a.records[i].line);
    CHECK(b.records[i].id == a.records[i].id);
    CHECK(b.records[i].rejection == a.records[i].rejection);
    CHECK(b.records[i].slot == a.records[i].slot);
    CHECK(b.records[i].content_hash == a.records[i].content_hash);
  }
  REQUIRE(b.docs.size() == a.docs.size());
  for (uint32_t slot = 0; slot < a.docs.size(); ++slot) {
    INFO("slot " << slot);
    const pipeline::ScannedDoc& x = a.docs[slot];
    const pipeline::ScannedDoc& y = b.docs[slot];
    CHECK(y.record == x.record);
    CHECK(y.id == x.id);
    CHECK(y.date_days == x.date_days);
    CHECK(y.source == x.source);
    CHECK(y.format == x.format);
    CHECK(y.words == x.words);
    CHECK(y.mojibake_repairs == x.mojibake_repairs);
    CHECK(y.mojibake_code_page == x.mojibake_code_page);
    CHECK(y.text_token_begin == x.text_token_begin);
    std::string a_text, b_text;
    CHECK(b.OriginalText(slot, &b_text) == a.OriginalText(slot, &a_text));
    CHECK(b.AnalyzedText(slot, &b_text) == a.AnalyzedText(slot, &a_text));
    CHECK(b.Raw(slot) == a.Raw(slot));
    if (a.texts_spilled && b.texts_spilled) CHECK(b.Text(y.record) == a.Text(x.record));
    if (a.signature_spill.has_value() && b.signature_spill.has_value()) {
      CHECK(std::vector<uint32_t>(b.Signature(slot).begin(), b.Signature(slot).end()) ==
            std::vector<uint32_t>(a.Signature(slot).begin(), a.Signature(slot).end()));
    }
  }
  const uint32_t slots = static_cast<uint32_t>(a.docs.size());
  for (int band = 0; band < a.band_keys->bands_rows().bands; ++band) {
    for (uint32_t first = 0; first < slots; first += sketch::kKeyBlock) {
      const uint32_t count = std::min(sketch::kKeyBlock, slots - first);
      std::vector<uint64_t> a_keys(count), b_keys(count);
      a.BandKeys(band, first, count, a_keys.data());
      b.BandKeys(band, first, count, b_keys.data());
      CHECK(a_keys == b_keys);
    }
  }
  CHECK_FALSE(a.read_failed.load());
  CHECK_FALSE(b.read_failed.load());
  CHECK(b.input_bytes == a.input_bytes);
  CHECK(b.run_fingerprint == a.run_fingerprint);
}

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_E2E_SCAN_SUPPORT_H_
