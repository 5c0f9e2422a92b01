#include "events/date.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace neardup::events {
namespace {

// Formats tried in order; absl::ParseTime rejects out-of-range fields and
// trailing data, and reads Z/z as a zero offset for %Ez.
constexpr const char* kWithOffset[] = {
    "%Y-%m-%d%ET%H:%M:%E*S%Ez",
    "%Y-%m-%d%ET%H:%M%Ez",
    "%Y-%m-%d %H:%M:%E*S%Ez",
    "%Y-%m-%d %H:%M%Ez",
};
constexpr const char* kLocal[] = {
    "%Y-%m-%d",
    "%Y-%m-%d%ET%H:%M:%E*S",
    "%Y-%m-%d%ET%H:%M",
    "%Y-%m-%d %H:%M:%E*S",
    "%Y-%m-%d %H:%M",
};

int64_t DaysSinceEpoch(absl::Time time) {
  return absl::ToCivilDay(time, absl::UTCTimeZone()) - absl::CivilDay(1970, 1, 1);
}

}  // namespace

std::optional<int64_t> ParseDateToDays(std::string_view date) {
  // absl::ParseTime wants a string; dates are short.
  std::string input(
      absl::StripAsciiWhitespace(absl::string_view(date.data(), date.size())));
  // %Y reads digits greedily, so the basic form YYYYMMDD is rewritten.
  if (input.size() == 8 &&
      std::all_of(input.begin(), input.end(), absl::ascii_isdigit)) {
    input = absl::StrCat(input.substr(0, 4), "-", input.substr(4, 2), "-",
                         input.substr(6, 2));
  }
  absl::Time time;
  std::string error;
  // Without an offset in the format, absl reads the time as UTC, which is
  // the "day as written" rule.
  for (const char* format : kWithOffset) {
    if (absl::ParseTime(format, input, &time, &error)) return DaysSinceEpoch(time);
  }
  for (const char* format : kLocal) {
    if (absl::ParseTime(format, input, &time, &error)) return DaysSinceEpoch(time);
  }
  return std::nullopt;
}

}  // namespace neardup::events
