#include "pipeline/band_key_file.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "sketch/banding.h"

namespace neardup::pipeline {

using sketch::kKeyBlock;

absl::StatusOr<BandKeyFile> BandKeyFile::Create(const std::string& path,
                                                sketch::BandsRows bands_rows) {
  absl::StatusOr<SpillFile> spill = SpillFile::Create(path);
  if (!spill.ok()) return spill.status();
  return BandKeyFile(std::move(*spill), bands_rows);
}

BandKeyFile::BandKeyFile(SpillFile spill, sketch::BandsRows bands_rows)
    : spill_(std::move(spill)),
      bands_rows_(bands_rows),
      block_(static_cast<size_t>(bands_rows.bands) * kKeyBlock) {}

void BandKeyFile::Append(absl::Span<const uint64_t> keys) {
  const uint32_t column = slots_ % kKeyBlock;
  for (int band = 0; band < bands_rows_.bands; ++band) {
    block_[static_cast<size_t>(band) * kKeyBlock + column] = keys[static_cast<size_t>(band)];
  }
  ++slots_;
  if (slots_ % kKeyBlock == 0) SpillBlock();
}

void BandKeyFile::SpillBlock() {
  const uint32_t in_block = slots_ % kKeyBlock == 0 ? kKeyBlock : slots_ % kKeyBlock;
  if (in_block == kKeyBlock) {  // block_ is laid out as the file is: one write
    spill_.Append(std::string_view(reinterpret_cast<const char*>(block_.data()),
                                   block_.size() * sizeof(uint64_t)));
    return;
  }
  for (int band = 0; band < bands_rows_.bands; ++band) {
    spill_.Append(std::string_view(
        reinterpret_cast<const char*>(block_.data() + static_cast<size_t>(band) * kKeyBlock),
        in_block * sizeof(uint64_t)));
  }
}

absl::Status BandKeyFile::Seal() {
  if (slots_ % kKeyBlock != 0) SpillBlock();
  std::vector<uint64_t>().swap(block_);
  return spill_.Seal();
}

bool BandKeyFile::Read(int band, uint32_t first, uint32_t count, uint64_t* keys) const {
  // Every block before the last holds kKeyBlock slots of every band.
  const uint64_t block_first = first;
  const uint64_t in_block = std::min<uint64_t>(kKeyBlock, slots_ - block_first);
  const uint64_t offset =
      (block_first * static_cast<uint64_t>(bands_rows_.bands) +
       static_cast<uint64_t>(band) * in_block) * sizeof(uint64_t);
  return spill_.ReadInto({offset, count * sizeof(uint64_t)}, reinterpret_cast<char*>(keys));
}

}  // namespace neardup::pipeline
