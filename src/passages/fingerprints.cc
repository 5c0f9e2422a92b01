#include "passages/fingerprints.h"

#include <algorithm>
#include <deque>

#include "util/split_mix.h"

namespace neardup::passages {
namespace {

// Multiplier of the polynomial rolling hash over token hashes (odd, so the
// map is invertible modulo 2^64).
constexpr uint64_t kBase = 0x9E3779B97F4A7C15ull;

}  // namespace

WinnowingParams ChooseWinnowing(int min_words) {
  WinnowingParams params;
  params.k = std::clamp(min_words / 5, 3, 8);
  params.window = std::max(1, min_words - params.k + 1);
  return params;
}

void Winnow(absl::Span<const text::Token> tokens, const WinnowingParams& params,
            std::vector<Fingerprint>* out) {
  const size_t k = static_cast<size_t>(params.k);
  const size_t window = static_cast<size_t>(std::max(1, params.window));
  if (k == 0 || tokens.size() < k) return;
  const size_t grams = tokens.size() - k + 1;

  uint64_t top_power = 1;  // kBase^(k-1): weight of the token leaving the k-gram
  for (size_t i = 1; i < k; ++i) top_power *= kBase;
  uint64_t rolling = 0;
  for (size_t i = 0; i < k; ++i) rolling = rolling * kBase + tokens[i].hash;

  // Candidates for the window minimum, increasing in position and strictly
  // increasing in hash from front to back.
  std::deque<Fingerprint> candidates;
  int64_t last_selected = -1;
  for (size_t i = 0; i < grams; ++i) {
    if (i > 0) {
      rolling = (rolling - tokens[i - 1].hash * top_power) * kBase + tokens[i + k - 1].hash;
    }
    // Mixed, so that the winnowing minimum is an unbiased sample.
    const Fingerprint current{util::Mix64(rolling), static_cast<uint32_t>(i)};
    while (!candidates.empty() && candidates.back().hash >= current.hash) candidates.pop_back();
    candidates.push_back(current);
    while (candidates.front().position + window <= i) candidates.pop_front();
    const bool window_full = i + 1 >= window;
    const bool last = i + 1 == grams;
    if (window_full || last) {
      const Fingerprint& chosen = candidates.front();
      if (static_cast<int64_t>(chosen.position) != last_selected) {
        out->push_back(chosen);
        last_selected = chosen.position;
      }
    }
  }
}

}  // namespace neardup::passages
