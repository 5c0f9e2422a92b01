#include "events/term_extractor.h"

#include <catch2/catch.hpp>

#include <string>

#include "absl/container/flat_hash_set.h"

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

TEST_CASE("Case and script paths give the same terms as their lower-case forms",
          "[events][terms]") {
  CHECK(SameTerms("TARIFFS. Tariffs.", "tariffs. tariffs."));
  CHECK(SameTerms("COVID19", "covid19"));
  CHECK(SameTerms("ПЕРЕГОВОРЫ", "переговоры"));
  CHECK_FALSE(SameTerms("COVID19", "covid20"));
}

TEST_CASE("A document's terms do not depend on the documents extracted before",
          "[events][terms]") {
  const TermExtractor extractor;
  const char* const kShort = "Antony Blinken met Wang Yi in Beijing.";
  const auto first = extractor.Extract(kShort);
  std::string longer;
  for (int i = 0; i < 200; ++i) {
    longer += "Flood warnings in Valencia " + std::to_string(i) + " Переговоры в Москве. ";
  }
  CHECK_FALSE(extractor.Extract(longer).empty());
  const auto again = extractor.Extract(kShort);
  REQUIRE(first.size() == again.size());
  for (size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].term == again[i].term);
    CHECK(first[i].count == again[i].count);
  }
}

TEST_CASE("Surfaces: only wanted terms, earliest text first", "[events][terms]") {
  const TermExtractor extractor;
  const auto blinken = extractor.Extract("Blinken");
  const auto beijing = extractor.Extract("Beijing");
  REQUIRE(blinken.size() == 1);
  REQUIRE(beijing.size() == 1);
  const absl::flat_hash_set<uint64_t> wanted = {blinken[0].term};
  absl::flat_hash_map<uint64_t, std::string_view> surfaces;
  const std::string first = "Blinken’s visit to Beijing";
  const std::string second = "BLINKEN in Beijing";
  extractor.Extract(first, &surfaces, &wanted);
  extractor.Extract(second, &surfaces, &wanted);
  REQUIRE(surfaces.size() == 1);
  CHECK(surfaces.at(blinken[0].term) == "Blinken");
  CHECK_FALSE(surfaces.contains(beijing[0].term));
}

}  // namespace
}  // namespace neardup::events
