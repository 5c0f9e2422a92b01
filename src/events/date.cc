#include "events/date.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace neardup::events {
namespace {

// ISO 8601 / RFC 3339 formats, tried in order; absl::ParseTime rejects
// out-of-range fields and trailing data, and reads Z/z as a zero offset
// for %Ez.
constexpr const char* kIsoWithOffset[] = {
    "%Y-%m-%d%ET%H:%M:%E*S%Ez",
    "%Y-%m-%d%ET%H:%M%Ez",
    "%Y-%m-%d %H:%M:%E*S%Ez",
    "%Y-%m-%d %H:%M%Ez",
};
constexpr const char* kIsoLocal[] = {
    "%Y-%m-%d",
    "%Y-%m-%d%ET%H:%M:%E*S",
    "%Y-%m-%d%ET%H:%M",
    "%Y-%m-%d %H:%M:%E*S",
    "%Y-%m-%d %H:%M",
};

// Other ways news dumps write dates, by how they start (%b and %B both read
// a full or an abbreviated English month name, in any case). Without an
// offset the time is read as written.
// RFC 2822 (e-mail, RSS pubDate): "Fri, 26 Apr 2024 10:15:30 +0200".
constexpr const char* kWeekdayFirst[] = {
    "%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M %z", "%a, %d %b %Y %H:%M:%S",
    "%a, %d %b %Y %H:%M", "%a, %d %b %Y"};
// "April 26, 2024", "Apr 26 2024".
constexpr const char* kMonthFirst[] = {"%B %d, %Y", "%B %d %Y"};
// RFC 2822 without the weekday, and "26 April 2024".
constexpr const char* kDaySpaceMonth[] = {"%d %b %Y %H:%M:%S %z", "%d %b %Y %H:%M %z",
                                          "%d %b %Y %H:%M:%S", "%d %b %Y %H:%M", "%d %b %Y"};
// "26-APR-2024 15:01:01.79" (Reuters, database exports).
constexpr const char* kDayDashMonth[] = {"%d-%b-%Y %H:%M:%E*S", "%d-%b-%Y %H:%M", "%d-%b-%Y"};
// Day first with dots (European).
constexpr const char* kDayDotMonth[] = {"%d.%m.%Y %H:%M:%E*S", "%d.%m.%Y %H:%M", "%d.%m.%Y"};
// Year first with slashes.
constexpr const char* kYearSlash[] = {"%Y/%m/%d %H:%M:%E*S", "%Y/%m/%d %H:%M", "%Y/%m/%d"};

// The formats that may read a date that is neither ISO nor all digits,
// chosen by its first characters so that few are tried.
absl::Span<const char* const> WrittenOutFormats(std::string_view input) {
  if (input.empty()) return {};
  if (absl::ascii_isalpha(static_cast<unsigned char>(input[0]))) {
    if (input.size() > 3 && input[3] == ',') return kWeekdayFirst;
    return kMonthFirst;
  }
  size_t digits = 0;
  while (digits < input.size() && absl::ascii_isdigit(static_cast<unsigned char>(input[digits]))) {
    ++digits;
  }
  if (digits == input.size()) return {};
  const char after = input[digits];
  if (digits == 4) return after == '/' ? absl::MakeConstSpan(kYearSlash) : absl::Span<const char* const>();
  if (digits < 1 || digits > 2) return {};
  if (after == ' ') return kDaySpaceMonth;
  if (after == '-') return kDayDashMonth;
  if (after == '.') return kDayDotMonth;
  return {};
}

int64_t DaysSinceEpoch(absl::Time time) {
  return absl::ToCivilDay(time, absl::UTCTimeZone()) - absl::CivilDay(1970, 1, 1);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), absl::ascii_isdigit);
}

// The day of "YYYY-MM-DD", the commonest form, read directly: what
// absl::ParseTime gives for it with "%Y-%m-%d" (std::nullopt for a month or
// day out of range, such as 2023-02-29) in a fraction of the time.
std::optional<int64_t> IsoCalendarDay(std::string_view date) {
  const auto number = [date](size_t from, size_t digits) {
    int value = 0;
    for (size_t i = from; i < from + digits; ++i) value = 10 * value + (date[i] - '0');
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const absl::CivilDay civil(year, month, day);
  if (civil.month() != month || civil.day() != day) return std::nullopt;  // normalized
  return civil - absl::CivilDay(1970, 1, 1);
}

// An RFC 2822 zone written as letters: GMT, UTC, UT and Z become +0000;
// other abbreviations (EST, CET...) mean different offsets in different
// places, so they are dropped and the time is read as written.
void RewriteZoneName(std::string* input) {
  const size_t space = input->rfind(' ');
  if (space == std::string::npos || space + 1 == input->size()) return;
  const std::string_view zone = std::string_view(*input).substr(space + 1);
  if (zone.size() > 5 || !std::all_of(zone.begin(), zone.end(), absl::ascii_isupper)) return;
  const bool utc = zone == "GMT" || zone == "UTC" || zone == "UT" || zone == "Z";
  input->resize(space);
  if (utc) input->append(" +0000");
}

std::optional<int64_t> FirstFormatThatReads(absl::Span<const char* const> formats,
                                            const std::string& input) {
  absl::Time time;
  std::string error;
  for (const char* format : formats) {
    if (absl::ParseTime(format, input, &time, &error)) return DaysSinceEpoch(time);
  }
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> ParseDateToDays(std::string_view date) {
  // absl::ParseTime wants a string; dates are short.
  std::string input(
      absl::StripAsciiWhitespace(absl::string_view(date.data(), date.size())));
  if (AllDigits(input)) {
    // %Y reads digits greedily, so the basic form YYYYMMDD is rewritten.
    if (input.size() == 8) {
      input = absl::StrCat(input.substr(0, 4), "-", input.substr(4, 2), "-",
                           input.substr(6, 2));
      return FirstFormatThatReads(kIsoLocal, input);
    }
    // Unix time in seconds (10 digits: 2001-2286) or milliseconds (13).
    int64_t count = 0;
    if ((input.size() == 10 || input.size() == 13) && absl::SimpleAtoi(input, &count)) {
      const absl::Time time =
          input.size() == 10 ? absl::FromUnixSeconds(count) : absl::FromUnixMillis(count);
      return DaysSinceEpoch(time);
    }
    return std::nullopt;
  }
  // Without an offset in the format, absl reads the time as UTC, which is
  // the "day as written" rule.
  if (input.size() >= 10 && AllDigits(input.substr(0, 4)) && input[4] == '-') {
    if (input.size() == 10 && input[7] == '-' && AllDigits(input.substr(5, 2)) &&
        AllDigits(input.substr(8, 2))) {
      return IsoCalendarDay(input);
    }
    if (input.size() > 16) {  // longer than YYYY-MM-DDTHH:MM: may have an offset
      if (auto days = FirstFormatThatReads(kIsoWithOffset, input)) return days;
    }
    return FirstFormatThatReads(kIsoLocal, input);
  }
  RewriteZoneName(&input);
  return FirstFormatThatReads(WrittenOutFormats(input), input);
}

}  // namespace neardup::events
