#include "sketch/lsh_params.h"

#include <cmath>

namespace neardup::sketch {

double CandidateProbability(double jaccard, BandsRows bands_rows) {
  const double band_match = std::pow(jaccard, bands_rows.rows);
  return 1.0 - std::pow(1.0 - band_match, bands_rows.bands);
}

BandsRows ChooseBandsRows(double threshold, int num_perm) {
  BandsRows best_fallback{num_perm, 1};
  double best_probability = -1.0;
  for (int rows = num_perm; rows >= 1; --rows) {
    const BandsRows candidate{num_perm / rows, rows};
    const double probability = CandidateProbability(threshold, candidate);
    if (probability >= 1.0 - kMaxMissAtThreshold) return candidate;
    if (probability > best_probability) {
      best_probability = probability;
      best_fallback = candidate;
    }
  }
  return best_fallback;
}

}  // namespace neardup::sketch
