#include "events/named_date.h"

#include <catch2/catch.hpp>

#include <string>

namespace neardup::events {
namespace {

// Day of the year on the leap-year circle: 1 January is 0.
constexpr int kJan1 = 0, kFeb29 = 59, kMar1 = 60, kNov8 = 312, kNov16 = 320, kDec31 = 365;

TEST_CASE("NamedDayOfYear reads a day next to a month name", "[events][named_date]") {
  CHECK(NamedDayOfYear("Прогноз погоды на 8 ноября") == kNov8);
  CHECK(NamedDayOfYear("Прогноз погоды на 16 ноября\nВ Омске будет холодно.") == kNov16);
  CHECK(NamedDayOfYear("Forecast for November 8th: rain") == kNov8);
  CHECK(NamedDayOfYear("Talks resume on 16 November in Geneva") == kNov16);
  CHECK(NamedDayOfYear("Talks resume Nov. 16 in Geneva") == kNov16);
  CHECK(NamedDayOfYear("New Year's Eve, December 31, in pictures") == kDec31);
  CHECK(NamedDayOfYear("JANUARY 1: a new law takes effect") == kJan1);
  // 29 February has its own day; leap years only name it.
  CHECK(NamedDayOfYear("Leap day, Feb 29, brings a rare birthday") == kFeb29);
  CHECK(NamedDayOfYear("On March 1st the rules change") == kMar1);
  // The first date named wins.
  CHECK(NamedDayOfYear("On 8 November, a week before 16 November") == kNov8);
}

TEST_CASE("NamedDayOfYear ignores what is not a date", "[events][named_date]") {
  CHECK_FALSE(NamedDayOfYear("").has_value());
  CHECK_FALSE(NamedDayOfYear("Prices rose in November by 8 percent").has_value());
  CHECK_FALSE(NamedDayOfYear("Talks set for 30 February").has_value());   // no such day
  CHECK_FALSE(NamedDayOfYear("Talks set for 32 May").has_value());
  CHECK_FALSE(NamedDayOfYear("In 2019 November was warm").has_value());  // a year
  CHECK_FALSE(NamedDayOfYear("On 8th Street, in November").has_value());
  // Only the headline and the lead's start are read: "8 November" as words
  // kNamedDateWords - 1 and kNamedDateWords counts, one word later it does not.
  auto words = [](size_t count) {
    std::string text;
    for (size_t i = 0; i < count; ++i) text += "word ";
    return text;
  };
  CHECK(NamedDayOfYear(words(kNamedDateWords - 2) + "8 November") == kNov8);
  CHECK_FALSE(NamedDayOfYear(words(kNamedDateWords - 1) + "8 November").has_value());
}

TEST_CASE("DaysApartInYear goes the shorter way round the year", "[events][named_date]") {
  CHECK(DaysApartInYear(kNov8, kNov16) == 8);
  CHECK(DaysApartInYear(kNov16, kNov8) == 8);
  CHECK(DaysApartInYear(kDec31, kJan1) == 1);
  CHECK(DaysApartInYear(kJan1, kDec31) == 1);
  CHECK(DaysApartInYear(kFeb29, kFeb29) == 0);
}

}  // namespace
}  // namespace neardup::events
