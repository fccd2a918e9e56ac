// Time parsing: recognises the time column of a CSV and turns each cell into a sortable key.
//
// Calendar formats (key = microseconds since 1970-01-01T00:00:00 UTC):
//   Month     YYYY-MM                      (first day of the month)
//   Date      YYYY-MM-DD  or  YYYY/MM/DD
//   DateTime  a Date, then 'T' or ' ', HH:MM[:SS[.fraction]], optionally 'Z' or +HH:MM / -HH:MM
// Index format (key = the integer itself): a plain integer such as eustockmarkets.csv's "Day"
// (1, 2, 3, ...) or a Unix timestamp; only recognised in a column whose header names time
// (is_time_like_name), so that an integer-valued price column is never mistaken for an axis.
// Calendar fields are validated (month 1-12, day within the month with leap years, 24 h clock).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lstmlab {

enum class TimeFormat { None, Index, Month, Date, DateTime };

struct TimeValue {
    TimeFormat format = TimeFormat::None;
    std::int64_t key = 0;
};

// Month, Date or DateTime; nullopt when the text is none of them or names an impossible date.
std::optional<TimeValue> parse_calendar_time(std::string_view text);
// The same, and whether a DateTime's clock ended with Z, +HH:MM or -HH:MM (false otherwise).
std::optional<TimeValue> parse_calendar_time(std::string_view text, bool& had_offset);

// A plain integer (optional '-' sign), for index columns.
std::optional<std::int64_t> parse_time_index(std::string_view text);

// Parses `text` in the family of `format`: Index accepts integers, the calendar formats accept
// any calendar format (a Date column may carry an intraday stamp later on).
std::optional<TimeValue> parse_time_as(TimeFormat format, std::string_view text);

// "date", "time", "datetime", "timestamp", "day", "index", "period", "month", "week", "year", "t"
// (any case): headers under which an integer column is a time axis.
bool is_time_like_name(std::string_view name);

// "YYYY-MM-DD", "YYYY-MM", "YYYY-MM-DD HH:MM:SS", "integer index" -- for reports and messages.
std::string_view time_format_name(TimeFormat format);

// Days from 1970-01-01 to the proleptic Gregorian date (Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// Time keys are microseconds since 1970-01-01 00:00 UTC.
constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t micros_per_hour = 3600 * micros_per_second;
constexpr std::int64_t micros_per_day = 86400 * micros_per_second;

constexpr bool is_leap_year(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// a / b rounded towards minus infinity (b > 0): the day of a key before 1970 included.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

} // namespace lstmlab
