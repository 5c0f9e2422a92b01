// The day an article's headline or lead names ("8 ноября", "November 8th",
// "Nov. 16"): what tells recurring articles apart (a daily forecast, a
// weekly index) when records carry no date.
#ifndef NEARDUP_EVENTS_NAMED_DATE_H_
#define NEARDUP_EVENTS_NAMED_DATE_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace neardup::events {

// Days of the year are counted on a leap-year calendar, so that 29 February
// has a place: 0 is 1 January, 365 is 31 December. The calendar is a
// circle: 31 December and 1 January are one day apart.
inline constexpr int kDaysInYearCircle = 366;

// How far into a text NamedDayOfYear looks: the headline and the start of
// the lead, where news says when its event happened.
inline constexpr size_t kNamedDateWords = 40;

// The day of the year of the first date named in the first kNamedDateWords
// words of `text`: a day 1-31 (English ordinal suffix allowed: 8th) right
// before or after a month name. Month names: English, full or abbreviated
// (Jan, Feb, Mar, Apr, Jun, Jul, Aug, Sep, Sept, Oct, Nov, Dec, with or
// without a period), or Russian in the genitive ("8 ноября"). The day must
// exist in that month (30 February does not). std::nullopt when no date is
// named. Thread-safe.
std::optional<int> NamedDayOfYear(std::string_view text);

// Days between two days of the year, the shorter way round the circle.
int DaysApartInYear(int a, int b);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_NAMED_DATE_H_
