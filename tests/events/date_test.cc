#include "events/date.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

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

TEST_CASE("ParseDateToDays reads YYYY-MM-DD as absl::ParseTime does, invalid days included",
          "[events][date]") {
  size_t compared = 0, differ = 0;
  for (const int year : {0, 1600, 1899, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999}) {
    for (int month = 0; month <= 13; ++month) {
      for (int day = 0; day <= 32; ++day) {
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
        absl::Time time;
        std::string error;
        std::optional<int64_t> expected;
        if (absl::ParseTime("%Y-%m-%d", date, &time, &error)) {
          expected = absl::ToCivilDay(time, absl::UTCTimeZone()) - absl::CivilDay(1970, 1, 1);
        }
        ++compared;
        if (ParseDateToDays(date) != expected) {
          ++differ;
          UNSCOPED_INFO(date);
        }
      }
    }
  }
  CHECK(compared == 11 * 14 * 33);
  CHECK(differ == 0);
  CHECK_FALSE(ParseDateToDays("2023-02-29").has_value());
  CHECK(ParseDateToDays("2024-02-29") == ParseDateToDays("2024-03-01").value() - 1);
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
  CHECK_FALSE(ParseDateToDays("26/04/2024"));  // day and month order unknown
  CHECK_FALSE(ParseDateToDays("04/26/2024"));
  CHECK_FALSE(ParseDateToDays("31-APR-2024"));
  CHECK_FALSE(ParseDateToDays("30.02.2024"));
  CHECK_FALSE(ParseDateToDays("Fri, 26 Foo 2024"));
  CHECK_FALSE(ParseDateToDays("26 Apr 2024 garbage"));
  CHECK_FALSE(ParseDateToDays("170000000"));   // 9 digits: not a Unix time
  CHECK(ParseDateToDays("2024-02-29") == 19782);
}

TEST_CASE("ParseDateToDays reads dates as news dumps write them", "[events][date]") {
  constexpr int64_t kApril26 = 19839;  // 2024-04-26
  // RFC 2822, as e-mail and RSS pubDate write it.
  CHECK(ParseDateToDays("Fri, 26 Apr 2024 10:15:30 +0200") == kApril26);
  CHECK(ParseDateToDays("Fri, 26 Apr 2024 23:30:00 -0500") == kApril26 + 1);  // UTC day
  CHECK(ParseDateToDays("Fri, 26 Apr 2024 23:30:00 GMT") == kApril26);
  CHECK(ParseDateToDays("Fri, 26 Apr 2024 23:30 UT") == kApril26);
  CHECK(ParseDateToDays("Fri, 26 Apr 2024 23:30:00 EST") == kApril26);  // as written
  CHECK(ParseDateToDays("26 Apr 2024 10:15:30 +0000") == kApril26);
  CHECK(ParseDateToDays("Fri, 26 Apr 2024") == kApril26);
  // Reuters and database exports.
  CHECK(ParseDateToDays("26-APR-2024 15:01:01.79") == kApril26);
  CHECK(ParseDateToDays("26-Apr-2024") == kApril26);
  // Written out, full or abbreviated month names.
  CHECK(ParseDateToDays("26 April 2024") == kApril26);
  CHECK(ParseDateToDays("April 26, 2024") == kApril26);
  CHECK(ParseDateToDays("apr 26 2024") == kApril26);
  // Day first with dots, year first with slashes.
  CHECK(ParseDateToDays("26.04.2024") == kApril26);
  CHECK(ParseDateToDays("26.04.2024 10:15") == kApril26);
  CHECK(ParseDateToDays("2024/04/26 10:15:30") == kApril26);
  // Unix time, seconds and milliseconds: 2024-04-26T12:00:00Z.
  CHECK(ParseDateToDays("1714132800") == kApril26);
  CHECK(ParseDateToDays("1714132800000") == kApril26);
}

}  // namespace
}  // namespace neardup::events
