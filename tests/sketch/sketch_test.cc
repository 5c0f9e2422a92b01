// Shingles, MinHash estimates, LSH parameter choice and banding.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "sketch/banding.h"
#include "sketch/long_hash.h"
#include "sketch/lsh_params.h"
#include "sketch/minhash.h"
#include "sketch/shingles.h"
#include "xxhash.h"

namespace neardup::sketch {
namespace {

std::vector<text::Token> Words(std::initializer_list<uint64_t> hashes, bool unspaced = false) {
  std::vector<text::Token> tokens;
  for (uint64_t h : hashes) tokens.push_back({h, 0, 0, unspaced});
  return tokens;
}

// The shingle set of `tokens`: its shingles sorted, each once.
std::vector<uint64_t> ShingleSet(Shingler& shingler, absl::Span<const text::Token> tokens) {
  std::vector<uint64_t> shingles;
  shingler.Shingle(tokens, &shingles);
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  return shingles;
}

TEST_CASE("LongHash gives XXH3's values for every length and seed") {
  std::mt19937_64 random(7);
  std::string bytes(5100, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  // Lengths on both sides of XXH3's 16, 128 and 240-byte cases and of its
  // 1,024-byte blocks; offsets that leave the input unaligned.
  for (size_t size : {0, 1, 16, 17, 128, 129, 240, 241, 1023, 1024, 1025, 3700, 4999}) {
    for (size_t offset : {0, 1, 7}) {
      const uint64_t seed = random();
      CHECK(LongHash(bytes.data() + offset, size, seed) ==
            XXH3_64bits_withSeed(bytes.data() + offset, size, seed));
    }
  }
}

TEST_CASE("a document of n+k words has k+1 distinct shingles") {
  for (SketchScheme scheme : kSketchSchemes) {
    INFO(SketchSchemeName(scheme));
    Shingler shingler(5, 3, scheme);
    CHECK(ShingleSet(shingler, Words({1, 2, 3, 4, 5, 6, 7})).size() == 3);
  }
}

TEST_CASE("short documents get one whole-sequence shingle that only an identical one shares") {
  for (SketchScheme scheme : kSketchSchemes) {
    INFO(SketchSchemeName(scheme));
    Shingler shingler(5, 3, scheme);
    const std::vector<uint64_t> a = ShingleSet(shingler, Words({1, 2, 3}));
    const std::vector<uint64_t> b = ShingleSet(shingler, Words({1, 2, 4}));
    const std::vector<uint64_t> c = ShingleSet(shingler, Words({1, 2, 3}));
    REQUIRE(a.size() == 1);
    CHECK(a != b);
    CHECK(a == c);
  }
}

TEST_CASE("no tokens give an empty shingle set") {
  for (SketchScheme scheme : kSketchSchemes) {
    INFO(SketchSchemeName(scheme));
    Shingler shingler(5, 3, scheme);
    std::vector<uint64_t> shingles{42};
    shingler.Shingle({}, &shingles);
    CHECK(shingles.empty());
  }
}

TEST_CASE("runs of unspaced characters use character n-grams, runs of words word n-grams") {
  for (SketchScheme scheme : kSketchSchemes) {
    INFO(SketchSchemeName(scheme));
    Shingler shingler(5, 3, scheme);
    std::vector<text::Token> tokens = Words({1, 2, 3, 4, 5, 6});             // 2 word 5-grams
    for (auto t : Words({10, 11, 12, 13}, true)) tokens.push_back(t);        // 2 char 3-grams
    CHECK(ShingleSet(shingler, tokens).size() == 4);
    // The same hashes as words make different shingles than as characters.
    const std::vector<uint64_t> as_words = ShingleSet(shingler, Words({10, 11, 12, 13, 14}));
    const std::vector<uint64_t> as_chars =
        ShingleSet(shingler, Words({10, 11, 12, 13, 14}, true));
    CHECK(as_words.size() == 1);
    CHECK(as_chars.size() == 3);
    CHECK(std::find(as_chars.begin(), as_chars.end(), as_words[0]) == as_chars.end());
  }
}

TEST_CASE("shingles come in token order, repeats included, and sign as their set does") {
  for (SketchScheme scheme : kSketchSchemes) {
    INFO(SketchSchemeName(scheme));
    Shingler shingler(3, 2, scheme);
    std::vector<text::Token> tokens = Words({1, 2, 3, 1, 2, 3, 1, 2, 4});  // 7 word 3-grams
    for (auto t : Words({8, 9, 8, 9, 8}, true)) tokens.push_back(t);      // 4 char 2-grams
    for (auto t : Words({20, 21})) tokens.push_back(t);                    // a short run
    std::vector<uint64_t> unsorted;
    shingler.Shingle(tokens, &unsorted);
    CHECK(unsorted.size() == 7 + 4 + 1);
    CHECK(unsorted[0] == unsorted[3]);  // 1 2 3 comes twice
    CHECK(unsorted[0] != unsorted[1]);
    const std::vector<uint64_t> set = ShingleSet(shingler, tokens);
    CHECK(set.size() == 4 + 2 + 1);
    // Hence the same signature.
    {
      MinHasher hasher(64, 3, scheme);
      std::vector<uint32_t> from_set(64), from_unsorted(64);
      hasher.Sign(set, from_set.data());
      hasher.Sign(unsorted, from_unsorted.data());
      CHECK(from_set == from_unsorted);
    }
  }
}

TEST_CASE("shingles of every width hash the same windows") {
  for (SketchScheme scheme : kSketchSchemes) {
    INFO(SketchSchemeName(scheme));
    // The widths with a constant-length hash and one without give windows of
    // the same construction: a run of n+1 tokens has two shingles, and the
    // one-shorter prefix of a run is a whole-run shingle equal to the first.
    for (int n : {2, 3, 4, 5, 6, 9}) {
      INFO(n);
      Shingler shingler(n, 3, scheme);
      std::vector<uint64_t> whole, longer;
      std::vector<text::Token> tokens;
      for (int i = 0; i < n; ++i) tokens.push_back({static_cast<uint64_t>(i * 7 + 1), 0, 0, false});
      shingler.Shingle(tokens, &whole);
      tokens.push_back({99, 0, 0, false});
      shingler.Shingle(tokens, &longer);
      REQUIRE(whole.size() == 1);
      REQUIRE(longer.size() == 2);
      CHECK(longer[0] == whole[0]);
      CHECK(longer[1] != whole[0]);
    }
  }
}

TEST_CASE("a classic shingle is XXH3 of its token hashes, seeded by the run kind") {
  // The seeds are part of the signature format: changing them (or the hash)
  // changes every signature and so every persisted index.
  constexpr uint64_t kWordSeed = 0x6e65617264757001ULL;
  constexpr uint64_t kCharSeed = 0x6e65617264757002ULL;
  std::mt19937_64 rng(99);
  for (int n : {1, 2, 3, 4, 5, 6, 8}) {
    INFO(n);
    Shingler shingler(n, n, SketchScheme::kClassic);
    for (int round = 0; round < 200; ++round) {
      std::vector<uint64_t> hashes(static_cast<size_t>(n) + 3);
      for (uint64_t& h : hashes) h = rng();
      for (bool unspaced : {false, true}) {
        std::vector<text::Token> tokens;
        for (uint64_t h : hashes) tokens.push_back({h, 0, 0, unspaced});
        std::vector<uint64_t> shingles;
        shingler.Shingle(tokens, &shingles);
        REQUIRE(shingles.size() == 4);
        for (size_t i = 0; i < shingles.size(); ++i) {
          REQUIRE(shingles[i] == XXH3_64bits_withSeed(&hashes[i], n * sizeof(uint64_t),
                                                      unspaced ? kCharSeed : kWordSeed));
        }
      }
    }
  }
}

TEST_CASE("fast shingle hashes tell apart every distinct window, swapped and repeated words too, and fill slots evenly") {
  // Words from a 40-word vocabulary, so windows repeat, share words and hold
  // the same words in other orders; the fast sketch needs distinct windows to
  // hash apart and the high bits (which pick its slots) to be even.
  std::mt19937_64 rng(3);
  std::vector<uint64_t> vocabulary(40);
  for (uint64_t& word : vocabulary) word = rng();
  std::vector<text::Token> tokens;
  for (int i = 0; i < 200000; ++i) {
    tokens.push_back({vocabulary[rng() % vocabulary.size()], 0, 0, false});
  }
  Shingler shingler(5, 3, SketchScheme::kFastSimilarity);
  std::vector<uint64_t> shingles;
  shingler.Shingle(tokens, &shingles);
  REQUIRE(shingles.size() == tokens.size() - 4);
  std::set<std::vector<uint64_t>> windows;
  std::set<uint64_t> hashes;
  std::vector<int> per_slot(128, 0);
  for (size_t i = 0; i < shingles.size(); ++i) {
    std::vector<uint64_t> window;
    for (size_t j = 0; j < 5; ++j) window.push_back(tokens[i + j].hash);
    if (windows.insert(window).second) {
      hashes.insert(shingles[i]);
      ++per_slot[shingles[i] >> 57];
    }
  }
  CHECK(hashes.size() == windows.size());
  // About 1,500 distinct windows per slot: each slot within 5 standard deviations.
  const double expected = static_cast<double>(windows.size()) / 128.0;
  for (int count : per_slot) CHECK(std::abs(count - expected) < 5 * std::sqrt(expected));
  // A window and the same words with two of them swapped.
  std::vector<uint64_t> ab, ba;
  shingler.Shingle(Words({1, 2, 3, 4, 5}), &ab);
  shingler.Shingle(Words({2, 1, 3, 4, 5}), &ba);
  CHECK(ab != ba);
}

// Two random sets with exactly `common` shared elements out of `total` distinct.
std::pair<std::vector<uint64_t>, std::vector<uint64_t>> PlantedPair(std::mt19937_64& rng,
                                                                    size_t total, size_t common) {
  std::vector<uint64_t> a, b;
  const size_t only = (total - common) / 2;
  for (size_t i = 0; i < common; ++i) {
    const uint64_t x = rng();
    a.push_back(x);
    b.push_back(x);
  }
  for (size_t i = 0; i < only; ++i) a.push_back(rng());
  for (size_t i = 0; i < total - common - only; ++i) b.push_back(rng());
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return {a, b};
}

TEST_CASE("exact Jaccard counts the intersection over the union") {
  CHECK(ExactJaccard(std::vector<uint64_t>{1, 2, 3, 4}, std::vector<uint64_t>{3, 4, 5, 6}) ==
        Approx(2.0 / 6.0));
  CHECK(ExactJaccard(std::vector<uint64_t>{}, std::vector<uint64_t>{}) == 0.0);
  CHECK(ExactJaccard(std::vector<uint64_t>{7}, std::vector<uint64_t>{7}) == 1.0);
}

TEST_CASE("exact Jaccard ignores order and repeats, whatever the values") {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 300; ++round) {
    // Small values collide in the table's index bits; large ones do not.
    const uint64_t range = round % 2 == 0 ? 40 : ~uint64_t{0};
    std::vector<uint64_t> a(rng() % 700), b(rng() % 700);
    for (uint64_t& v : a) v = rng() % range;
    for (uint64_t& v : b) v = rng() % 3 == 0 && !a.empty() ? a[rng() % a.size()] : rng() % range;
    const std::set<uint64_t> set_a(a.begin(), a.end()), set_b(b.begin(), b.end());
    size_t common = 0;
    for (uint64_t v : set_a) common += set_b.count(v);
    const size_t all = set_a.size() + set_b.size() - common;
    INFO("round " << round);
    CHECK(ExactJaccard(a, b) == (all == 0 ? 0.0 : static_cast<double>(common) / all));
    CHECK(ExactJaccard(b, a) == ExactJaccard(a, b));
  }
}

TEST_CASE("both schemes estimate Jaccard within 3 standard errors over many random pairs") {
  for (SketchScheme scheme : kSketchSchemes) {
    INFO(SketchSchemeName(scheme));
    std::mt19937_64 rng(2024);
    const int num_perm = 128;
    MinHasher hasher(num_perm, 7, scheme);
    std::vector<uint32_t> sa(num_perm), sb(num_perm);
    int outside = 0, pairs = 0;
    double total_error = 0.0;
    for (size_t common : {0, 50, 150, 300, 450, 570, 600}) {
      for (int rep = 0; rep < 40; ++rep) {
        auto [a, b] = PlantedPair(rng, 600, common);
        const double truth = ExactJaccard(a, b);
        hasher.Sign(a, sa.data());
        hasher.Sign(b, sb.data());
        const double estimate = EstimateJaccard(sa, sb);
        const double se = std::sqrt(std::max(truth * (1 - truth), 1e-9) / num_perm);
        if (std::abs(estimate - truth) > 3 * se + 1e-12) ++outside;
        total_error += estimate - truth;
        ++pairs;
      }
    }
    INFO("pairs outside 3 SE: " << outside << " of " << pairs);
    CHECK(outside <= pairs / 100 + 1);                  // ~0.3% expected
    CHECK(std::abs(total_error / pairs) < 0.01);        // unbiased
  }
}

// Root mean square error of `scheme`'s estimate over random pairs of sets of
// about `total` distinct shingles in all, at Jaccard 0.2, 0.5 and 0.8.
double EstimateRmse(SketchScheme scheme, size_t total) {
  std::mt19937_64 rng(77);
  const int num_perm = 128;
  MinHasher hasher(num_perm, 11, scheme);
  std::vector<uint32_t> sa(num_perm), sb(num_perm);
  double squares = 0.0;
  int pairs = 0;
  for (double jaccard : {0.2, 0.5, 0.8}) {
    for (int rep = 0; rep < 400; ++rep) {
      auto [a, b] = PlantedPair(rng, total, static_cast<size_t>(std::lround(jaccard * total)));
      hasher.Sign(a, sa.data());
      hasher.Sign(b, sb.data());
      const double error = EstimateJaccard(sa, sb) - ExactJaccard(a, b);
      squares += error * error;
      ++pairs;
    }
  }
  return std::sqrt(squares / pairs);
}

TEST_CASE("the fast scheme errs no more than classic MinHash, also for sets far smaller than the signature") {
  // Measured: 0.74x classic's error at 8 shingles, 0.71x at 30, 0.77x at 150,
  // 0.89x at 800.
  // One-permutation hashing with densification, which copies filled slots
  // into empty ones, errs 1.3-1.6x more than classic at 20 shingles.
  for (size_t total : {8, 30, 150, 800}) {
    const double fast = EstimateRmse(SketchScheme::kFastSimilarity, total);
    const double classic = EstimateRmse(SketchScheme::kClassic, total);
    INFO(total << " shingles: fast " << fast << ", classic " << classic);
    CHECK(fast <= classic);
  }
}

TEST_CASE("the fast scheme fills every slot, even from one shingle") {
  const int num_perm = 128;
  MinHasher hasher(num_perm, 5, SketchScheme::kFastSimilarity);
  std::vector<uint32_t> x(num_perm), x_again(num_perm), y(num_perm), empty(num_perm);
  hasher.Sign(std::vector<uint64_t>{42}, x.data());
  hasher.Sign(std::vector<uint64_t>{42, 42}, x_again.data());
  hasher.Sign(std::vector<uint64_t>{43}, y.data());
  hasher.Sign(std::vector<uint64_t>{}, empty.data());
  CHECK(x == x_again);
  CHECK(std::count(x.begin(), x.end(), ~uint32_t{0}) == 0);
  CHECK(EstimateJaccard(x, y) < 0.05);
  CHECK(std::count(empty.begin(), empty.end(), ~uint32_t{0}) == num_perm);
  // A slot's value is the round's value of the one shingle that fills it, so
  // one shingle gives different slots different values.
  std::set<uint32_t> distinct(x.begin(), x.end());
  CHECK(distinct.size() > 120);
}

TEST_CASE("chosen banding catches pairs at the threshold, unlike equal weighting") {
  for (double threshold : {0.5, 0.6, 0.7, 0.8, 0.9}) {
    const BandsRows chosen = ChooseBandsRows(threshold, 128);
    INFO("threshold " << threshold << ": " << chosen.bands << " x " << chosen.rows);
    CHECK(chosen.bands * chosen.rows <= 128);
    CHECK(CandidateProbability(threshold, chosen) >= 1.0 - kMaxMissAtThreshold);
    // One more row per band would miss more than 1 % at the threshold.
    const BandsRows stricter{128 / (chosen.rows + 1), chosen.rows + 1};
    CHECK(CandidateProbability(threshold, stricter) < 1.0 - kMaxMissAtThreshold);
  }
  // The equal-weight optimum for t = 0.8 (9 x 13) catches only ~40 % at J = 0.8.
  CHECK(CandidateProbability(0.8, {9, 13}) < 0.5);
  CHECK(CandidateProbability(0.8, ChooseBandsRows(0.8, 128)) > 0.99);
}

TEST_CASE("candidate probability rises with Jaccard") {
  const BandsRows br = ChooseBandsRows(0.8, 128);
  double previous = -1;
  for (double j = 0.0; j <= 1.0001; j += 0.05) {
    const double p = CandidateProbability(j, br);
    CHECK(p >= previous);
    previous = p;
  }
  CHECK(CandidateProbability(0.1, br) < 0.001);
}

TEST_CASE("banding pairs near-duplicates and skips unrelated and ineligible documents") {
  std::mt19937_64 rng(5);
  const int num_perm = 128;
  MinHasher hasher(num_perm, 3, SketchScheme::kFastSimilarity);
  auto [a, b] = PlantedPair(rng, 400, 380);      // J ~ 0.9
  auto [c, d] = PlantedPair(rng, 400, 0);        // unrelated
  std::vector<uint32_t> signatures(5 * num_perm);
  const std::vector<std::vector<uint64_t>> sets{a, c, b, d, a};
  for (size_t i = 0; i < sets.size(); ++i) hasher.Sign(sets[i], signatures.data() + i * num_perm);
  std::vector<bool> eligible{true, true, true, true, false};
  const auto pairs = FindCandidates(signatures, num_perm, eligible, ChooseBandsRows(0.8, 128), 2);
  CHECK(pairs == std::vector<CandidatePair>{{0, 2}});
}

// Every pair of documents whose signatures (num_perm values each) agree on
// all values of some band: the documents grouped by band and values.
std::vector<CandidatePair> PairsSharingABand(const std::vector<uint32_t>& signatures,
                                             int num_perm, BandsRows br) {
  const size_t width = static_cast<size_t>(num_perm);
  std::map<std::vector<uint32_t>, std::vector<uint32_t>> by_band;
  for (uint32_t doc = 0; doc < signatures.size() / width; ++doc) {
    for (int band = 0; band < br.bands; ++band) {
      const uint32_t* values = &signatures[doc * width + static_cast<size_t>(band * br.rows)];
      std::vector<uint32_t> key{static_cast<uint32_t>(band)};
      key.insert(key.end(), values, values + br.rows);
      by_band[key].push_back(doc);
    }
  }
  std::set<CandidatePair> pairs;
  for (const auto& [key, docs] : by_band) {
    for (size_t i = 0; i < docs.size(); ++i) {
      for (size_t j = i + 1; j < docs.size(); ++j) pairs.insert({docs[i], docs[j]});
    }
  }
  return std::vector<CandidatePair>(pairs.begin(), pairs.end());
}

// Checks FindCandidates against PairsSharingABand at 1, 2 and 3 threads,
// every document eligible; the signatures must make more than `min_pairs`.
void CheckCandidatesOnAnyThreadCount(const std::vector<uint32_t>& signatures, int num_perm,
                                     BandsRows br, size_t min_pairs) {
  const std::vector<CandidatePair> expected = PairsSharingABand(signatures, num_perm, br);
  REQUIRE(expected.size() > min_pairs);
  const std::vector<bool> eligible(signatures.size() / static_cast<size_t>(num_perm), true);
  for (int threads : {1, 2, 3}) {
    INFO(threads << " threads");
    CHECK(FindCandidates(signatures, num_perm, eligible, br, threads) == expected);
  }
}

TEST_CASE("candidate pairs are every pair sharing a band, sorted and once each, on any thread count") {
  // 2,000 documents whose slots take one of 10 values: every band's buckets
  // hold about 20 documents, so pairs share one band or several and have
  // first slots all over the range.
  std::mt19937_64 rng(12);
  std::vector<uint32_t> signatures(2000 * 8);
  for (uint32_t& value : signatures) value = static_cast<uint32_t>(rng() % 10);
  CheckCandidatesOnAnyThreadCount(signatures, 8, BandsRows{4, 2}, 50000);
}

TEST_CASE("among many documents with bands of their own, every pair sharing one band is found") {
  // Band keys that only one document has are mostly dropped before sorting:
  // none of the few that do repeat may be. 30,000 documents of random
  // values, then 500 times a band of one copied to another.
  const int num_perm = 8, rows = 2, documents = 30000;
  std::mt19937_64 rng(21);
  std::vector<uint32_t> signatures(documents * num_perm);
  for (uint32_t& value : signatures) value = static_cast<uint32_t>(rng());
  for (int i = 0; i < 500; ++i) {
    const size_t from = rng() % documents, to = rng() % documents, band = rng() % 4;
    std::copy_n(&signatures[from * num_perm + band * rows], rows,
                &signatures[to * num_perm + band * rows]);
  }
  CheckCandidatesOnAnyThreadCount(signatures, num_perm, BandsRows{4, rows}, 300);
}

TEST_CASE("a huge bucket of copies yields a linear number of pairs, the same on any thread count") {
  const int num_perm = 16;
  const uint32_t copies = 1000;
  std::vector<uint32_t> signatures(copies * num_perm, 7);
  std::vector<bool> eligible(copies, true);
  const BandsRows br{4, 4};
  const auto one = FindCandidates(signatures, num_perm, eligible, br, 1);
  const auto two = FindCandidates(signatures, num_perm, eligible, br, 2);
  CHECK(one == two);
  CHECK(one.size() < 2 * copies);
  CHECK(one.size() >= copies - 1);
}

}  // namespace
}  // namespace neardup::sketch
