// Parses the date of a record into a day number, for date windows and for
// newest/oldest survivor policies.
#ifndef NEARDUP_EVENTS_DATE_H_
#define NEARDUP_EVENTS_DATE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace neardup::events {

// Days since 1970-01-01 of a date written in ISO 8601 / RFC 3339:
//   2024-04-26                      (calendar date, extended form)
//   20240426                        (calendar date, basic form)
//   2024-04-26T10:15, 2024-04-26T10:15:30, 2024-04-26T10:15:30.123
//                                    (date-time, 'T', 't' or ' ' between)
//   any date-time above followed by Z, z, +hh:mm or -hh:mm (RFC 3339)
// Surrounding whitespace is ignored. A date-time with an offset gives the UTC
// day of that instant; without one, the day as written. Anything else
// (invalid dates such as 2024-02-30, week or ordinal dates, free text)
// gives std::nullopt: the caller treats the date as unknown. Thread-safe.
std::optional<int64_t> ParseDateToDays(std::string_view date);

}  // namespace neardup::events

#endif  // NEARDUP_EVENTS_DATE_H_
