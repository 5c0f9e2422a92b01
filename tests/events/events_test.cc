#include "events/events.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_texts.h"

namespace neardup::events {
namespace {

using testing::VectorTexts;

std::vector<EventDoc> Docs(size_t count, std::vector<std::string> dates = {}) {
  std::vector<EventDoc> docs;
  for (size_t i = 0; i < count; ++i) docs.push_back({i, i < dates.size() ? dates[i] : ""});
  return docs;
}

// The group holding `doc`, or -1.
int GroupOf(const std::vector<EventGroup>& groups, uint64_t doc) {
  for (size_t g = 0; g < groups.size(); ++g) {
    for (const EventMember& m : groups[g].members) {
      if (m.doc == doc) return static_cast<int>(g);
    }
  }
  return -1;
}

bool Together(const std::vector<EventGroup>& groups, uint64_t a, uint64_t b) {
  const int g = GroupOf(groups, a);
  return g >= 0 && g == GroupOf(groups, b);
}

// Structural promises every result keeps.
void CheckShape(const std::vector<EventGroup>& groups) {
  for (size_t g = 0; g < groups.size(); ++g) {
    REQUIRE(groups[g].members.size() >= 2);
    for (size_t m = 1; m < groups[g].members.size(); ++m) {
      CHECK(groups[g].members[m - 1].doc < groups[g].members[m].doc);
    }
    if (g > 0) CHECK(groups[g - 1].members[0].doc < groups[g].members[0].doc);
  }
}

bool SameResult(const std::vector<EventGroup>& x, const std::vector<EventGroup>& y) {
  if (x.size() != y.size()) return false;
  for (size_t g = 0; g < x.size(); ++g) {
    if (x[g].labels != y[g].labels || x[g].first_date != y[g].first_date ||
        x[g].last_date != y[g].last_date || x[g].members.size() != y[g].members.size()) {
      return false;
    }
    for (size_t m = 0; m < x[g].members.size(); ++m) {
      if (x[g].members[m].doc != y[g].members[m].doc ||
          x[g].members[m].similarity != y[g].members[m].similarity) {
        return false;
      }
    }
  }
  return true;
}

std::vector<std::string> ReadSamples() {
  const char* root = std::getenv("NEARDUP_SOURCE_ROOT");
  std::vector<std::string> texts;
  if (root == nullptr) return texts;
  std::vector<std::filesystem::path> paths;
  const auto dir = std::filesystem::path(root) / "samples" / "news";
  if (!std::filesystem::is_directory(dir)) return texts;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
  }
  return texts;
}

TEST_CASE("samples/news: the two accounts of the 2024 Blinken-Xi meeting form one group",
          "[events][samples]") {
  const std::vector<std::string> samples = ReadSamples();
  REQUIRE(samples.size() == 5);
  const VectorTexts texts(samples);
  const auto groups = GroupEvents(Docs(5), texts, EventOptions(), 1);
  CheckShape(groups);
  REQUIRE(Together(groups, 2, 4));
  // The inauguration (000) and the Commerce Secretary visit (003) are other events.
  CHECK_FALSE(Together(groups, 2, 0));
  CHECK_FALSE(Together(groups, 2, 3));
  // The June 2023 Blinken visit (001) is a different meeting between the same people.
  CHECK_FALSE(Together(groups, 2, 1));
  const EventGroup& group = groups[GroupOf(groups, 2)];
  CHECK(group.members.size() == 2);
  for (const EventMember& m : group.members) CHECK(m.similarity > 0);
  // Labels are text from the members, and the group is named by a name both
  // accounts share (the venue, the ministers), not by a generic word.
  REQUIRE_FALSE(group.labels.empty());
  bool shared_name = false;
  for (const std::string& label : group.labels) {
    const bool in_002 = samples[2].find(label) != std::string::npos;
    const bool in_004 = samples[4].find(label) != std::string::npos;
    CHECK((in_002 || in_004));
    shared_name |= in_002 && in_004 && label.find(' ') != std::string::npos;
  }
  CHECK(shared_name);
  CHECK(group.first_date.empty());
  CHECK(group.last_date.empty());
}

TEST_CASE("Results do not depend on the thread count", "[events]") {
  const std::vector<std::string> samples = ReadSamples();
  REQUIRE(samples.size() == 5);
  const VectorTexts texts(samples);
  const auto one = GroupEvents(Docs(5), texts, EventOptions(), 1);
  const auto four = GroupEvents(Docs(5), texts, EventOptions(), 4);
  CHECK(SameResult(one, four));
}

// Two events with two reports each, and a roundup that mixes both.
const char kFloodA[] =
    "Flash floods tore through Valencia on Tuesday night after torrential rain, "
    "and Spanish emergency services said rescuers pulled residents from cars and "
    "rooftops in Paiporta. The regional government of Valencia opened shelters as "
    "the Poyo ravine overflowed and mud filled the streets of Paiporta and Chiva.";
const char kFloodB[] =
    "Rescuers in Paiporta searched mud-filled streets on Wednesday after the Poyo "
    "ravine burst its banks in the Valencia floods. Torrential rain swept cars "
    "through Chiva, emergency services evacuated residents, and the Valencia "
    "regional government opened shelters for families whose homes flooded.";
const char kRecallC[] =
    "Tesla recalled Cybertruck pickups because the accelerator pedal pad can "
    "detach and trap the pedal, the National Highway Traffic Safety Administration "
    "said. Owners of the Cybertruck will get a replacement pedal pad from Tesla "
    "service centers; the recall covers trucks built since November.";
const char kRecallD[] =
    "The National Highway Traffic Safety Administration posted a Tesla recall "
    "notice: the Cybertruck accelerator pedal pad may come loose and wedge the "
    "pedal. Tesla service centers will fit a new pedal pad to every recalled "
    "Cybertruck pickup at no charge to owners.";
const char kRoundup[] =
    "Morning briefing. Valencia floods: torrential rain overflowed the Poyo ravine "
    "and rescuers searched Paiporta and Chiva for residents. Tesla recall: the "
    "Cybertruck accelerator pedal pad can detach, the National Highway Traffic "
    "Safety Administration said, and Tesla service centers will replace it.";

TEST_CASE("An article mixing two events does not chain them into one group",
          "[events][chaining]") {
  const VectorTexts texts({kFloodA, kFloodB, kRecallC, kRecallD, kRoundup});
  const auto groups = GroupEvents(Docs(5), texts, EventOptions(), 1);
  CheckShape(groups);
  CHECK(Together(groups, 0, 1));
  CHECK(Together(groups, 2, 3));
  CHECK_FALSE(Together(groups, 0, 2));
  CHECK_FALSE(Together(groups, 1, 3));
}

const char kTalksA[] =
    "Foreign ministers of Armenia and Azerbaijan, Ararat Mirzoyan and Jeyhun "
    "Bayramov, held peace talks in Almaty on the border delimitation and the "
    "draft peace treaty, with Kazakhstan hosting the negotiations.";
const char kTalksB[] =
    "In Almaty, Ararat Mirzoyan and Jeyhun Bayramov continued negotiations on a "
    "peace treaty between Armenia and Azerbaijan; the foreign ministers discussed "
    "border delimitation at talks hosted by Kazakhstan.";

TEST_CASE("Known dates further apart than the window keep reports apart",
          "[events][dates]") {
  const VectorTexts texts({kTalksA, kTalksB});
  EventOptions options;  // date_window_days = 3
  const auto apart = GroupEvents(Docs(2, {"2024-05-10", "2024-06-09"}), texts, options, 1);
  CHECK(apart.empty());
  const auto close = GroupEvents(Docs(2, {"2024-05-10", "2024-05-11T08:00:00+02:00"}),
                                 texts, options, 1);
  REQUIRE(close.size() == 1);
  CHECK(close[0].first_date == "2024-05-10");
  CHECK(close[0].last_date == "2024-05-11");
  // An unknown or unparseable date does not block grouping.
  const auto unknown = GroupEvents(Docs(2, {"2024-05-10", "last spring"}), texts, options, 1);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].first_date == "2024-05-10");
  CHECK(unknown[0].last_date == "2024-05-10");
  // A wider window admits the 30-day pair.
  options.date_window_days = 30;
  CHECK(GroupEvents(Docs(2, {"2024-05-10", "2024-06-09"}), texts, options, 1).size() == 1);
}

TEST_CASE("A group's known dates never span more than the window", "[events][dates]") {
  // Three reports of the same talks on days 0, 2 and 4: each neighbour pair
  // fits a 3-day window, the whole span does not.
  const VectorTexts texts({kTalksA, kTalksB, kTalksA});
  const auto groups =
      GroupEvents(Docs(3, {"2024-05-10", "2024-05-12", "2024-05-14"}), texts, EventOptions(), 1);
  CheckShape(groups);
  CHECK_FALSE(Together(groups, 0, 2));
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].members.size() == 2);
}

// A daily forecast for one city: the same words every day, and the day in
// the headline.
std::string Forecast(int november_day) {
  return "Прогноз погоды на " + std::to_string(november_day) +
         " ноября\n"
         "В Омске ожидается облачная погода, небольшой снег, ветер северо-западный "
         "5-7 м/с, температура ночью -12, днем -8. Атмосферное давление будет расти.";
}

TEST_CASE("Dates named in the headlines keep undated reports of other days apart",
          "[events][dates]") {
  EventOptions options;  // date_window_days = 3
  // Without record dates, the days the headlines name decide.
  CHECK(GroupEvents(Docs(2), VectorTexts({Forecast(8), Forecast(16)}), options, 1).empty());
  const auto close = GroupEvents(Docs(2), VectorTexts({Forecast(8), Forecast(9)}), options, 1);
  REQUIRE(close.size() == 1);
  CHECK(close[0].first_date.empty());  // named dates are not record dates
  // A named date is never compared with a record date: published on
  // 16 November, a report may name the 8th.
  CHECK(GroupEvents(Docs(2, {"", "2024-11-16"}), VectorTexts({Forecast(8), Forecast(9)}),
                    options, 1)
            .size() == 1);
  // A group's named dates, like its record dates, span at most the window:
  // the 8th-10th and 10th-12th pairs fit, the three together do not.
  const auto three =
      GroupEvents(Docs(3), VectorTexts({Forecast(8), Forecast(10), Forecast(12)}), options, 1);
  CheckShape(three);
  REQUIRE(three.size() == 1);
  CHECK(three[0].members.size() == 2);
  CHECK_FALSE(Together(three, 0, 2));
  options.date_window_days = 10;
  CHECK(GroupEvents(Docs(2), VectorTexts({Forecast(8), Forecast(16)}), options, 1).size() == 1);
}

// A regional forecast for 8 November; `lead` names where.
std::string RegionalForecast(const std::string& lead) {
  return "Прогноз погоды на 8 ноября\n" + lead +
         " ожидается облачная погода, небольшой снег, ветер северо-западный 9-14 м/с, "
         "температура ночью -12, днем -8, местами при прояснении до -20. Атмосферное "
         "давление будет расти, осадков не ожидается.";
}

TEST_CASE("Leads naming different places keep same-day reports apart", "[events][names]") {
  const VectorTexts texts(
      {RegionalForecast("По информации ЦГМС, в Амурской области, в Тындинском и "
                        "Сковородинском районах"),
       RegionalForecast("По данным Обь-Иртышского УГМС, в Омской области"),
       RegionalForecast("В Тындинском и Сковородинском районах Амурской области")});
  const auto groups = GroupEvents(Docs(3), texts, EventOptions(), 1);
  CheckShape(groups);
  // 0 and 2 name the same places; 1 names two others and none of theirs.
  CHECK(Together(groups, 0, 2));
  CHECK_FALSE(Together(groups, 0, 1));
  CHECK_FALSE(Together(groups, 1, 2));
  // Without the disagreement the words alone would join all three.
  const VectorTexts one_place({RegionalForecast("В Амурской области"),
                               RegionalForecast("По данным ЦГМС, в Амурской области"),
                               RegionalForecast("В Амурской области")});
  const auto all = GroupEvents(Docs(3), one_place, EventOptions(), 1);
  REQUIRE(all.size() == 1);
  CHECK(all[0].members.size() == 3);
}

// Two Russian reports of one event (different wording and case endings) and
// one report of another.
const char kRuA[] =
    "Министр иностранных дел России Сергей Лавров провел переговоры с главой МИД "
    "Китая Ван И в Пекине. Стороны обсудили урегулирование на Украине, "
    "сотрудничество в ШОС и подготовку визита Владимира Путина в Китай.";
const char kRuB[] =
    "В Пекине прошли переговоры Сергея Лаврова и Ван И. Главы МИД России и Китая "
    "обсудили украинское урегулирование, работу ШОС и предстоящий визит Путина "
    "в Китай, сообщили в министерстве.";
const char kRuC[] =
    "В Новосибирске открылся новый ледовый дворец: на церемонии выступили "
    "фигуристы, а мэр города пообещал построить еще два катка к зиме.";

TEST_CASE("Cyrillic reports group like Latin ones", "[events][russian]") {
  const VectorTexts texts({kRuA, kRuB, kRuC});
  const auto groups = GroupEvents(Docs(3), texts, EventOptions(), 1);
  CheckShape(groups);
  REQUIRE(groups.size() == 1);
  CHECK(Together(groups, 0, 1));
  CHECK(GroupOf(groups, 2) < 0);
  bool names_lavrov = false;
  for (const std::string& label : groups[0].labels) {
    names_lavrov |= label.find("Лавров") != std::string::npos;
  }
  CHECK(names_lavrov);
}

TEST_CASE("Empty and content-free documents are never grouped", "[events]") {
  const VectorTexts texts({"", "the and of", "", "и в на"});
  CHECK(GroupEvents(Docs(4), texts, EventOptions(), 2).empty());
  CHECK(GroupEvents({}, texts, EventOptions(), 2).empty());
}

TEST_CASE("Input indices are kept in the output", "[events]") {
  // docs name input indices 3 and 1; members report those indices.
  const VectorTexts texts({"", kTalksA, "", kTalksB});
  const std::vector<EventDoc> docs = {{3, ""}, {1, ""}};
  const auto groups = GroupEvents(docs, texts, EventOptions(), 1);
  REQUIRE(groups.size() == 1);
  REQUIRE(groups[0].members.size() == 2);
  CHECK(groups[0].members[0].doc == 1);
  CHECK(groups[0].members[1].doc == 3);
}

}  // namespace
}  // namespace neardup::events
