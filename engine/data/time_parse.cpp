#include "engine/data/time_parse.h"

#include "engine/core/ascii.h"
#include "engine/data/cell_parse.h"

#include <array>
#include <charconv>

namespace lstmlab {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

// Reads exactly `width` decimal digits at `at`; advances `at`.
std::optional<int> read_digits(std::string_view text, std::size_t& at, std::size_t width)
{
    if (at + width > text.size())
        return std::nullopt;
    int value = 0;
    for (std::size_t k = 0; k < width; ++k) {
        const char c = text[at + k];
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    at += width;
    return value;
}

int days_in_month(int year, int month)
{
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// Parses HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM] from `at` to the end; returns microseconds since
// midnight UTC (may be negative or beyond a day after the offset); `had_offset` says whether it ended
// with a Z or an offset.
std::optional<std::int64_t> parse_clock(std::string_view text, std::size_t at, bool& had_offset)
{
    const auto hour = read_digits(text, at, 2);
    if (!hour || *hour > 23 || at >= text.size() || text[at++] != ':')
        return std::nullopt;
    const auto minute = read_digits(text, at, 2);
    if (!minute || *minute > 59)
        return std::nullopt;
    int second = 0;
    std::int64_t fraction_micros = 0;
    if (at < text.size() && text[at] == ':') {
        ++at;
        const auto parsed = read_digits(text, at, 2);
        if (!parsed || *parsed > 60)  // 60: a leap second
            return std::nullopt;
        second = *parsed;
        if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
            ++at;
            std::int64_t scale = 100000;
            const std::size_t first = at;
            for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, scale /= 10)
                fraction_micros += (text[at] - '0') * scale;
            if (at == first)
                return std::nullopt;
        }
    }
    std::int64_t offset_seconds = 0;
    had_offset = at < text.size() && (text[at] == 'Z' || text[at] == '+' || text[at] == '-');
    if (at < text.size() && text[at] == 'Z') {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const int sign = text[at++] == '-' ? -1 : 1;
        const auto offset_hour = read_digits(text, at, 2);
        if (!offset_hour || at >= text.size() || text[at++] != ':')
            return std::nullopt;
        const auto offset_minute = read_digits(text, at, 2);
        if (!offset_minute || *offset_hour > 23 || *offset_minute > 59)
            return std::nullopt;
        offset_seconds = sign * (*offset_hour * 3600 + *offset_minute * 60);
    }
    if (at != text.size())
        return std::nullopt;
    const std::int64_t seconds = std::int64_t(*hour) * 3600 + *minute * 60 + second - offset_seconds;
    return seconds * micros_per_second + fraction_micros;
}

} // namespace

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const unsigned year_of_era = unsigned(year - era * 400);
    const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + std::int64_t(day_of_era) - 719468;
}

std::optional<TimeValue> parse_calendar_time(std::string_view text)
{
    bool had_offset = false;
    return parse_calendar_time(text, had_offset);
}

std::optional<TimeValue> parse_calendar_time(std::string_view text, bool& had_offset)
{
    had_offset = false;
    text = trim_blanks(text);
    std::size_t at = 0;
    const auto year = read_digits(text, at, 4);
    if (!year || at >= text.size() || (text[at] != '-' && text[at] != '/'))
        return std::nullopt;
    const char separator = text[at++];
    const auto month = read_digits(text, at, 2);
    if (!month || *month < 1 || *month > 12)
        return std::nullopt;
    if (at == text.size()) {
        if (separator != '-')
            return std::nullopt;
        return TimeValue{TimeFormat::Month, days_from_civil(*year, unsigned(*month), 1) * seconds_per_day * micros_per_second};
    }
    if (text[at++] != separator)
        return std::nullopt;
    const auto day = read_digits(text, at, 2);
    if (!day || *day < 1 || *day > days_in_month(*year, *month))
        return std::nullopt;
    const std::int64_t midnight = days_from_civil(*year, unsigned(*month), unsigned(*day)) * seconds_per_day * micros_per_second;
    if (at == text.size())
        return TimeValue{TimeFormat::Date, midnight};
    if (text[at] != 'T' && text[at] != ' ')
        return std::nullopt;
    const auto clock = parse_clock(text, at + 1, had_offset);
    if (!clock)
        return std::nullopt;
    return TimeValue{TimeFormat::DateTime, midnight + *clock};
}

std::optional<std::int64_t> parse_time_index(std::string_view text)
{
    text = trim_blanks(text);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<TimeValue> parse_time_as(TimeFormat format, std::string_view text)
{
    if (format == TimeFormat::Index) {
        const auto index = parse_time_index(text);
        if (!index)
            return std::nullopt;
        return TimeValue{TimeFormat::Index, *index};
    }
    return parse_calendar_time(text);
}

bool is_time_like_name(std::string_view name)
{
    static constexpr std::array<std::string_view, 11> names = {
        "date", "time", "datetime", "timestamp", "day", "index", "period", "month", "week", "year", "t"};
    name = trim_blanks(name);
    for (std::string_view candidate : names)
        if (equals_ignoring_case(name, candidate))
            return true;
    return false;
}

std::string_view time_format_name(TimeFormat format)
{
    switch (format) {
    case TimeFormat::Index: return "integer index";
    case TimeFormat::Month: return "YYYY-MM";
    case TimeFormat::Date: return "YYYY-MM-DD";
    case TimeFormat::DateTime: return "YYYY-MM-DD HH:MM:SS";
    case TimeFormat::None: break;
    }
    return "none";
}

} // namespace lstmlab
