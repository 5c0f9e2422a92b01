#include "events/lead_names.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace neardup::events {
namespace {

TextNames Read(std::string_view text) { return NameReader().Read(text); }

TEST_CASE("Lead names are capitalised words that do not start a sentence",
          "[events][names]") {
  // "Blinken" starts the text, "Talks" a sentence: neither is a lead name.
  CHECK(Read("Blinken arrived. Talks began").lead.empty());
  CHECK(Read("Then Blinken arrived").lead.size() == 1);
  CHECK(Read("Then Blinken arrived: Talks began").lead.size() == 1);
  // Words all in capitals (agencies, acronyms) are not lead names.
  CHECK(Read("reported TASS and the BBC").lead.empty());
  // A word of the text written in lower case starting with the stem: the
  // Title Case headline's "Talks" and "Resume" are not names, Geneva is.
  const TextNames title_case = Read("Talks Resume In Geneva\nthe talks resumed in the city");
  CHECK(title_case.lead == Read("then Geneva").lead);
  CHECK(title_case.lead.size() == 1);
  // Every capitalised content word is mentioned, lead or not, with its stem.
  CHECK(Read("Blinken arrived. Talks began").mentioned ==
        std::vector<std::string>{"blinken", "talk", "talks"});
}

TEST_CASE("Inflected forms of a name share a key", "[events][names]") {
  CHECK(Read("сказала Ольга Зинякова").lead == Read("по словам Ольги Зиняковой").lead);
  CHECK(Read("сказал Юрий").lead == Read("у Юрия").lead);
  CHECK(Read("said Blinken").lead == Read("said Blinken's").lead);
  CHECK(Read("said Blinken").lead != Read("said Xi").lead);
}

TEST_CASE("Lead names come from the headline and the lead's first words",
          "[events][names]") {
  std::string filler;
  for (size_t i = 0; i + 1 < kLeadNameWords; ++i) filler += "word ";
  // The 40th word is in the lead, the 41st is not.
  CHECK(Read(filler + "Geneva").lead.size() == 1);
  CHECK(Read(filler + "word Geneva").lead.empty());
  // A headline line does not count against the lead...
  CHECK(Read("Short headline\n" + filler + "Geneva").lead.size() == 1);
  // ... but a first line longer than a headline does.
  std::string paragraph;
  for (size_t i = 0; i < kHeadlineWords + 1; ++i) paragraph += "word ";
  CHECK(Read(paragraph + "\n" + filler + "Geneva").lead.empty());
}

TEST_CASE("Leads disagree when each names two names the other never mentions",
          "[events][names]") {
  const TextNames amur = Read(
      "прогноз погоды\nВ Амурской области в Тындинском и Сковородинском районах снег");
  const TextNames omsk = Read("прогноз погоды\nПо данным Обь-Иртышского УГМС, в Омской области снег");
  CHECK(amur.lead.size() == 3);
  CHECK_FALSE(LeadNamesAgree(amur, omsk));
  CHECK_FALSE(LeadNamesAgree(omsk, amur));
  CHECK(LeadNamesAgree(amur, amur));
  // One unmentioned name on one side is not a disagreement.
  const TextNames amur_only = Read("прогноз погоды\nВ Амурской области снег");
  CHECK(LeadNamesAgree(amur_only, omsk));
  // Names mentioned anywhere in the other text, in any form, count.
  const TextNames omsk_mentions_amur = Read(
      "прогноз погоды\nПо данным Обь-Иртышского УГМС, в Омской области снег. Как и в "
      "Амурской области, в Тындинском и Сковородинском районах.");
  CHECK(LeadNamesAgree(amur, omsk_mentions_amur));
  // A group's names are the union of its members'.
  CHECK(LeadNamesAgree(Union(omsk, amur), amur));
}

}  // namespace
}  // namespace neardup::events
