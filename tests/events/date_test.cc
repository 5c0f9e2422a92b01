#include "events/date.h"

#include <catch2/catch.hpp>

namespace neardup::events {
namespace {

TEST_CASE("ParseDateToDays reads calendar dates", "[events][date]") {
  CHECK(ParseDateToDays("1970-01-01") == 0);
  CHECK(ParseDateToDays("1970-01-02") == 1);
  CHECK(ParseDateToDays("1969-12-31") == -1);
  // 2024-04-26 is 19839 days after the epoch (54 years incl. 13 leap days
  // = 19723 to 2024-01-01, plus 31 + 29 + 31 + 25).
  CHECK(ParseDateToDays("2024-04-26") == 19839);
  CHECK(ParseDateToDays("20240426") == 19839);
  CHECK(ParseDateToDays("  2024-04-26\n") == 19839);
}

TEST_CASE("ParseDateToDays reads date-times and RFC 3339 offsets", "[events][date]") {
  CHECK(ParseDateToDays("2024-04-26T10:15") == 19839);
  CHECK(ParseDateToDays("2024-04-26T10:15:30") == 19839);
  CHECK(ParseDateToDays("2024-04-26 10:15:30.250") == 19839);
  CHECK(ParseDateToDays("2024-04-26T10:15:30Z") == 19839);
  CHECK(ParseDateToDays("2024-04-26t10:15:30z") == 19839);
  // An offset moves the instant to another UTC day.
  CHECK(ParseDateToDays("2024-04-26T23:30:00-05:00") == 19840);
  CHECK(ParseDateToDays("2024-04-26T01:00:00+03:00") == 19838);
  CHECK(ParseDateToDays("2024-04-26T12:00:00.5+02:00") == 19839);
}

TEST_CASE("ParseDateToDays rejects what is not a valid date", "[events][date]") {
  CHECK_FALSE(ParseDateToDays(""));
  CHECK_FALSE(ParseDateToDays("yesterday"));
  CHECK_FALSE(ParseDateToDays("2024-02-30"));  // no such day
  CHECK_FALSE(ParseDateToDays("2023-02-29"));  // not a leap year
  CHECK_FALSE(ParseDateToDays("2024-13-01"));
  CHECK_FALSE(ParseDateToDays("2024-04-26T25:00"));
  CHECK_FALSE(ParseDateToDays("2024-04-26 garbage"));
  CHECK_FALSE(ParseDateToDays("26/04/2024"));
  CHECK(ParseDateToDays("2024-02-29") == 19782);
}

}  // namespace
}  // namespace neardup::events
