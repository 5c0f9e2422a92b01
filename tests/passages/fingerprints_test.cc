#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "passages/fingerprints.h"

namespace neardup::passages {
namespace {

std::vector<text::Token> RandomTokens(std::mt19937_64& rng, size_t n) {
  std::vector<text::Token> tokens(n);
  for (auto& t : tokens) t.hash = rng() % 1000;  // a small vocabulary: many repeats
  return tokens;
}

TEST_CASE("winnowing parameters guarantee a shared fingerprint at min_words") {
  for (int min_words : {4, 10, 20, 40, 100}) {
    const WinnowingParams p = ChooseWinnowing(min_words);
    CHECK(p.k >= 3);
    CHECK(p.k <= 8);
    CHECK(p.window >= 1);
    CHECK(p.k + p.window - 1 <= std::max(min_words, p.k));
  }
}

TEST_CASE("two sequences sharing a run of k + window - 1 tokens share a fingerprint") {
  std::mt19937_64 rng(7);
  const WinnowingParams params = ChooseWinnowing(40);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<text::Token> a = RandomTokens(rng, 300), b = RandomTokens(rng, 200);
    const std::vector<text::Token> shared = RandomTokens(rng, params.k + params.window - 1);
    a.insert(a.begin() + 100, shared.begin(), shared.end());
    b.insert(b.begin() + 37, shared.begin(), shared.end());
    std::vector<Fingerprint> fa, fb;
    Winnow(a, params, &fa);
    Winnow(b, params, &fb);
    bool common = false;
    for (const auto& x : fa) {
      if (x.position < 100 || x.position + params.k > 100 + shared.size()) continue;
      for (const auto& y : fb) {
        if (y.position >= 37 && y.position + params.k <= 37 + shared.size() && x.hash == y.hash &&
            x.position - 100 == y.position - 37) {
          common = true;
        }
      }
    }
    CHECK(common);
  }
}

TEST_CASE("winnowing keeps a small, ordered sample and handles short input") {
  std::mt19937_64 rng(3);
  const WinnowingParams params = ChooseWinnowing(40);
  const std::vector<text::Token> tokens = RandomTokens(rng, 5000);
  std::vector<Fingerprint> fps;
  Winnow(tokens, params, &fps);
  // Expected density 2 / (window + 1); allow a wide margin.
  CHECK(fps.size() < tokens.size() * 4 / (params.window + 1));
  CHECK(fps.size() > tokens.size() / (params.window + 1));
  CHECK(std::is_sorted(fps.begin(), fps.end(),
                       [](const Fingerprint& x, const Fingerprint& y) { return x.position < y.position; }));

  std::vector<Fingerprint> few;
  Winnow(absl::MakeConstSpan(tokens).subspan(0, params.k - 1), params, &few);
  CHECK(few.empty());
  Winnow(absl::MakeConstSpan(tokens).subspan(0, params.k + 2), params, &few);
  CHECK(few.size() == 1);
}

}  // namespace
}  // namespace neardup::passages
