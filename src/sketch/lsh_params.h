// Choice of LSH bands x rows for a Jaccard threshold.
#ifndef NEARDUP_SKETCH_LSH_PARAMS_H_
#define NEARDUP_SKETCH_LSH_PARAMS_H_

namespace neardup::sketch {

struct BandsRows {
  int bands = 0;
  int rows = 0;
  bool operator==(const BandsRows&) const = default;
};

// Probability that a pair with Jaccard similarity `jaccard` shares at least
// one band: 1 - (1 - J^rows)^bands.
double CandidateProbability(double jaccard, BandsRows bands_rows);

// The smallest miss rate a chosen banding must reach at the threshold itself.
inline constexpr double kMaxMissAtThreshold = 0.01;

// Chooses bands x rows <= num_perm for `threshold`. Verification removes false
// candidates but nothing brings back a missed pair, so a miss weighs far more
// than a false candidate: among all (b, r) with b * r <= num_perm whose
// candidate probability at the threshold is >= 1 - kMaxMissAtThreshold, take
// the largest r (fewest false candidates), then the largest b. If none
// reaches it (tiny num_perm), take the (b, r) with the highest probability.
BandsRows ChooseBandsRows(double threshold, int num_perm);

}  // namespace neardup::sketch

#endif  // NEARDUP_SKETCH_LSH_PARAMS_H_
