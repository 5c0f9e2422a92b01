#include "events/term_extractor.h"

#include <catch2/catch.hpp>

#include <string>

namespace neardup::events {
namespace {

// The surfaces of the terms of `text`.
std::vector<std::string> Surfaces(std::string_view text) {
  absl::flat_hash_map<uint64_t, std::string_view> surfaces;
  TermExtractor().Extract(text, &surfaces);
  std::vector<std::string> out;
  for (const auto& [term, surface] : surfaces) out.emplace_back(surface);
  std::sort(out.begin(), out.end());
  return out;
}

bool SameTerms(std::string_view a, std::string_view b) {
  const TermExtractor extractor;
  const auto x = extractor.Extract(a);
  const auto y = extractor.Extract(b);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i].term != y[i].term || x[i].count != y[i].count) return false;
  }
  return true;
}

TEST_CASE("Stop words, digits and one-letter words are not terms", "[events][terms]") {
  CHECK(TermExtractor().Extract("the of and it was 2024 a I 42").empty());
  CHECK(TermExtractor().Extract("и в на что это было 2024").empty());
  CHECK(TermExtractor().Extract("").empty());
}

TEST_CASE("Inflected forms share a term", "[events][terms]") {
  CHECK(SameTerms("meetings", "meeting"));
  CHECK(SameTerms("Blinken’s", "blinken"));
  CHECK(SameTerms("Blinken's", "Blinken"));
  // Russian: case endings and ё/е spellings.
  CHECK(SameTerms("переговоров", "переговоры"));
  CHECK(SameTerms("учёные", "ученые"));
  CHECK_FALSE(SameTerms("meeting", "weather"));
}

TEST_CASE("Multi-word names are kept as units", "[events][terms]") {
  const auto surfaces = Surfaces(
      "Secretary of State Antony Blinken met Xi at the Great Hall of the People.");
  auto has = [&](std::string_view s) {
    return std::find(surfaces.begin(), surfaces.end(), s) != surfaces.end();
  };
  CHECK(has("Antony Blinken"));
  CHECK(has("Great Hall of the People"));
  CHECK(has("Secretary of State"));
  CHECK(has("Blinken"));
  // Not joined across a sentence break or a lower-case word.
  CHECK_FALSE(has("Blinken met"));
  CHECK_FALSE(has("People"  "."));
  const auto broken = Surfaces("He met Antony.\nBlinken left.");
  CHECK(std::find(broken.begin(), broken.end(), "Antony.\nBlinken") == broken.end());
  CHECK(std::find(broken.begin(), broken.end(), "Antony Blinken") == broken.end());
}

TEST_CASE("Cyrillic names are found like Latin ones", "[events][terms]") {
  const auto surfaces = Surfaces("Министр Сергей Лавров встретился с Ван И в Пекине.");
  CHECK(std::find(surfaces.begin(), surfaces.end(), "Министр Сергей Лавров") !=
        surfaces.end());
  CHECK(std::find(surfaces.begin(), surfaces.end(), "Сергей Лавров") != surfaces.end());
  CHECK(std::find(surfaces.begin(), surfaces.end(), "Пекине") != surfaces.end());
}

TEST_CASE("Term counts add up occurrences", "[events][terms]") {
  const auto terms = TermExtractor().Extract("tariffs tariffs tariff");
  REQUIRE(terms.size() == 1);
  CHECK(terms[0].count == 3);
}

}  // namespace
}  // namespace neardup::events
