// The LSH band keys of every document of a scan, spilled for banding.
#ifndef NEARDUP_PIPELINE_BAND_KEY_FILE_H_
#define NEARDUP_PIPELINE_BAND_KEY_FILE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pipeline/spill.h"
#include "sketch/lsh_params.h"

namespace neardup::pipeline {

// BandKeyFile holds the band keys (sketch::BandKeys) of slots 0, 1, 2...:
// each Append() gives the next slot's. Keys are spilled band-major in blocks
// of sketch::kKeyBlock slots, so that banding reads one band of one block
// with one read, 8 bytes a document, instead of every signature once per
// pass. Append() until Seal(), once; then Read() is thread-safe. A write
// error is returned by Seal().
class BandKeyFile {
 public:
  static absl::StatusOr<BandKeyFile> Create(const std::string& path,
                                            sketch::BandsRows bands_rows);

  void Append(absl::Span<const uint64_t> keys);
  absl::Status Seal();
  // Writes band `band`'s keys of slots [first, first + count) to `keys`;
  // `first` is a multiple of sketch::kKeyBlock and the slots lie in one
  // block (as FindCandidates asks). False when the spill cannot be read back.
  bool Read(int band, uint32_t first, uint32_t count, uint64_t* keys) const;
  sketch::BandsRows bands_rows() const { return bands_rows_; }

 private:
  BandKeyFile(SpillFile spill, sketch::BandsRows bands_rows);
  // Spills the keys of the slots since the last full block.
  void SpillBlock();

  SpillFile spill_;
  sketch::BandsRows bands_rows_;
  std::vector<uint64_t> block_;  // band-major: block_[band * kKeyBlock + slot % kKeyBlock]
  uint32_t slots_ = 0;           // appended so far
};

}  // namespace neardup::pipeline

#endif  // NEARDUP_PIPELINE_BAND_KEY_FILE_H_
