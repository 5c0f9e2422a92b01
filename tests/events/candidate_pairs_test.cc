#include "events/candidate_pairs.h"

#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "events/term_weights.h"

namespace neardup::events {
namespace {

// A vector (not of unit length) over the given term ids, all weighing `weight`.
TermVector Vector(std::vector<uint64_t> terms, float weight = 0.5F) {
  TermVector vector;
  for (uint64_t term : terms) vector.push_back({term, weight});
  return vector;
}

TEST_CASE("Cosine adds the products of shared terms", "[events][pairs]") {
  const TermVector a = {{1, 0.5F}, {3, 0.25F}, {7, 0.5F}, {9, 1.0F}};
  const TermVector b = {{2, 1.0F}, {3, 0.5F}, {8, 1.0F}, {9, 0.25F}, {10, 1.0F}};
  CHECK(Cosine(a, b) == 0.25 * 0.5 + 1.0 * 0.25);
  CHECK(Cosine(b, a) == Cosine(a, b));
  CHECK(Cosine(a, TermVector()) == 0);
}

TEST_CASE("Candidate pairs share enough indexed terms", "[events][pairs]") {
  const std::vector<TermVector> vectors = {
      Vector({1, 2, 3, 4}),      // 0
      Vector({1, 2, 3, 5}),      // 1: shares 3 with 0
      Vector({1, 2, 6, 7}),      // 2: shares 2 with 0 and 1
      Vector({10, 11, 12, 13}),  // 3
      Vector({2, 3, 4, 5}),      // 4: shares 3 with 0 and with 1
  };
  const auto pairs = CandidatePairs(vectors, CandidateLimits(), 1);
  const std::vector<std::pair<uint32_t, uint32_t>> expected = {{0, 1}, {0, 4}, {1, 4}};
  CHECK(pairs == expected);
  CHECK(CandidatePairs(vectors, CandidateLimits(), 3) == expected);
}

TEST_CASE("Only a document's heaviest terms are indexed, and hub terms are skipped",
          "[events][pairs]") {
  CandidateLimits limits;
  limits.top_terms = 3;
  limits.max_postings = 2;
  std::vector<TermVector> vectors = {
      {{1, 0.9F}, {2, 0.8F}, {3, 0.7F}, {4, 0.1F}},
      {{1, 0.9F}, {2, 0.8F}, {4, 0.7F}, {3, 0.1F}},  // term 3 is not among its top 3
      {{5, 0.9F}, {6, 0.8F}, {7, 0.7F}},
      {{5, 0.9F}, {6, 0.8F}, {7, 0.7F}},
      {{5, 0.9F}, {6, 0.8F}, {7, 0.7F}},  // 5, 6, 7 are in 3 lists: skipped
  };
  CHECK(CandidatePairs(vectors, limits, 1).empty());
  vectors[1] = {{1, 0.9F}, {2, 0.8F}, {3, 0.7F}};
  vectors.resize(2);
  const std::vector<std::pair<uint32_t, uint32_t>> expected = {{0, 1}};
  CHECK(CandidatePairs(vectors, limits, 1) == expected);
}

}  // namespace
}  // namespace neardup::events
