#include "passages/seeds.h"

#include <algorithm>
#include <tuple>

#include "util/parallel.h"

namespace neardup::passages {
namespace {

// One fingerprint of one document while grouping (16 bytes).
struct Entry {
  uint64_t hash;
  uint32_t slot;
  uint32_t position;
};

constexpr size_t kDocsPerBlock = 64;
constexpr uint32_t kMaxOccurrencesPerDoc = 4;

size_t CountPasses(absl::Span<const uint64_t> docs, const TokenSource& source,
                   const WinnowingParams& params, size_t max_per_pass) {
  // Winnowing selects about 2 / (window + 1) of the k-grams.
  size_t estimate = 0;
  for (uint64_t doc : docs) {
    estimate += 1 + source.TokenCountHint(doc) * 2 / static_cast<size_t>(params.window + 1);
  }
  max_per_pass = std::max<size_t>(max_per_pass, 1);
  return std::max<size_t>(1, (estimate + max_per_pass - 1) / max_per_pass);
}

// The fingerprints of all docs whose hash falls in slice `pass` of `passes`,
// sorted by (hash, slot, position).
std::vector<Entry> CollectEntries(absl::Span<const uint64_t> docs, const TokenSource& source,
                                  const WinnowingParams& params, int threads, size_t pass,
                                  size_t passes) {
  const size_t blocks = (docs.size() + kDocsPerBlock - 1) / kDocsPerBlock;
  std::vector<std::vector<Entry>> per_block(blocks);
  util::ParallelFor(blocks, threads, [&](size_t block) {
    std::vector<text::Token> tokens;
    std::vector<Fingerprint> fingerprints;
    const size_t end = std::min(docs.size(), (block + 1) * kDocsPerBlock);
    for (size_t slot = block * kDocsPerBlock; slot < end; ++slot) {
      source.Tokens(docs[slot], &tokens);
      fingerprints.clear();
      Winnow(tokens, params, &fingerprints);
      for (const Fingerprint& fp : fingerprints) {
        if (fp.hash % passes != pass) continue;
        per_block[block].push_back({fp.hash, static_cast<uint32_t>(slot), fp.position});
      }
    }
  });
  size_t total = 0;
  for (const auto& entries : per_block) total += entries.size();
  std::vector<Entry> all;
  all.reserve(total);
  for (auto& entries : per_block) {
    all.insert(all.end(), entries.begin(), entries.end());
    std::vector<Entry>().swap(entries);
  }
  std::sort(all.begin(), all.end(), [](const Entry& x, const Entry& y) {
    return std::tie(x.hash, x.slot, x.position) < std::tie(y.hash, y.slot, y.position);
  });
  return all;
}

// Appends the seeds of one group of equal-hash entries (sorted by slot,
// position) to `seeds`.
void SeedGroup(absl::Span<const Entry> group, std::vector<Entry>* kept, std::vector<Seed>* seeds) {
  kept->clear();
  uint32_t docs_in_group = 0;
  uint32_t in_this_doc = 0;
  for (size_t i = 0; i < group.size(); ++i) {
    const bool new_doc = i == 0 || group[i].slot != group[i - 1].slot;
    if (new_doc) {
      ++docs_in_group;
      in_this_doc = 0;
    }
    if (++in_this_doc <= kMaxOccurrencesPerDoc) kept->push_back(group[i]);
  }
  for (size_t i = 1; i < kept->size(); ++i) {
    const Entry& later = (*kept)[i];
    const Entry& first = (*kept)[0];
    seeds->push_back({later.slot, later.position, first.slot, first.position, docs_in_group});
    if (i >= 2) {
      const Entry& previous = (*kept)[i - 1];
      seeds->push_back({later.slot, later.position, previous.slot, previous.position, docs_in_group});
    }
  }
}

}  // namespace

std::vector<Seed> CollectSeeds(absl::Span<const uint64_t> docs, const TokenSource& source,
                               const WinnowingParams& params, int threads,
                               size_t max_fingerprints_per_pass) {
  std::vector<Seed> seeds;
  const size_t passes = CountPasses(docs, source, params, max_fingerprints_per_pass);
  std::vector<Entry> kept;
  for (size_t pass = 0; pass < passes; ++pass) {
    const std::vector<Entry> entries = CollectEntries(docs, source, params, threads, pass, passes);
    for (size_t begin = 0; begin < entries.size();) {
      size_t end = begin + 1;
      while (end < entries.size() && entries[end].hash == entries[begin].hash) ++end;
      if (end - begin > 1) {
        SeedGroup(absl::MakeConstSpan(entries).subspan(begin, end - begin), &kept, &seeds);
      }
      begin = end;
    }
  }
  std::sort(seeds.begin(), seeds.end(), [](const Seed& x, const Seed& y) {
    return std::tie(x.slot, x.source_slot, x.position, x.source_position, x.group_docs) <
           std::tie(y.slot, y.source_slot, y.position, y.source_position, y.group_docs);
  });
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  return seeds;
}

}  // namespace neardup::passages
