// Parses the date of a record into a day number, for date windows and for
// newest/oldest survivor policies.
#ifndef NEARDUP_EVENTS_DATE_H_
#define NEARDUP_EVENTS_DATE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace neardup::events {

// Days since 1970-01-01 of a record's date, written as news dumps write it:
//   ISO 8601 / RFC 3339:
//     2024-04-26                      (calendar date, extended form)
//     20240426                        (calendar date, basic form)
//     2024-04-26T10:15, 2024-04-26T10:15:30, 2024-04-26T10:15:30.123
//                                      (date-time, 'T', 't' or ' ' between)
//     any date-time above followed by Z, z, +hh:mm or -hh:mm
//   RFC 2822 (e-mail, RSS): Fri, 26 Apr 2024 10:15:30 +0200, with or without
//     the weekday, the seconds or the zone; GMT, UTC, UT and Z mean +0000,
//     other zone names are ignored (they are ambiguous);
//   26-APR-2024 10:15:30.12 (time optional), 26 April 2024, April 26, 2024,
//     Apr 26 2024 (English month names, full or abbreviated, any case);
//   26.04.2024 (day first), 2024/04/26 (year first), each with an optional
//     HH:MM or HH:MM:SS;
//   Unix time: 10 digits (seconds) or 13 digits (milliseconds).
// Surrounding whitespace is ignored. A date-time with an offset gives the UTC
// day of that instant; without one, the day as written. Anything else
// (invalid dates such as 2024-02-30, week or ordinal dates, 04/26/2024 and
// 26/04/2024, whose order is ambiguous, free text) gives std::nullopt: the
// caller treats the date as unknown. Thread-safe.
std::optional<int64_t> ParseDateToDays(std::string_view date);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_DATE_H_
