#include "engine/data/time_syntax.h"

#include "engine/core/ascii.h"
#include "engine/data/cell_parse.h"

#include <array>
#include <charconv>
#include <cmath>

namespace lstmlab {
namespace {


// Reads min_width..max_width digits at `at`.
std::optional<int> read_number(std::string_view text, std::size_t& at, std::size_t min_width, std::size_t max_width)
{
    std::size_t width = 0;
    int value = 0;
    while (width < max_width && at + width < text.size() && is_digit(text[at + width]))
        value = value * 10 + (text[at + width++] - '0');
    if (width < min_width)
        return std::nullopt;
    at += width;
    return value;
}

bool valid_date(int year, int month, int day)
{
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    return day <= (month == 2 && is_leap_year(year) ? 29 : days[std::size_t(month - 1)]);
}

std::int64_t midnight(int year, int month, int day)
{
    return days_from_civil(year, unsigned(month), unsigned(day)) * micros_per_day;
}

// Z, +HH, +HHMM or +HH:MM at `at`; seconds east of UTC.
std::optional<int> read_offset(std::string_view text, std::size_t& at)
{
    if (at < text.size() && text[at] == 'Z') {
        ++at;
        return 0;
    }
    if (at >= text.size() || (text[at] != '+' && text[at] != '-'))
        return std::nullopt;
    const int sign = text[at++] == '-' ? -1 : 1;
    const auto hours = read_number(text, at, 2, 2);
    if (!hours || *hours > 23)
        return std::nullopt;
    int minutes = 0;
    if (at < text.size() && text[at] == ':')
        ++at;
    if (at < text.size() && is_digit(text[at])) {
        const auto parsed = read_number(text, at, 2, 2);
        if (!parsed || *parsed > 59)
            return std::nullopt;
        minutes = *parsed;
    }
    return sign * (*hours * 3600 + minutes * 60);
}

// H:MM[:SS[.f]][offset] from `at` to the end; microseconds since midnight UTC.
std::optional<std::int64_t> read_clock(std::string_view text, std::size_t at, bool& had_offset)
{
    const auto hour = read_number(text, at, 1, 2);
    if (!hour || *hour > 23 || at >= text.size() || text[at++] != ':')
        return std::nullopt;
    const auto minute = read_number(text, at, 2, 2);
    if (!minute || *minute > 59)
        return std::nullopt;
    int second = 0;
    std::int64_t fraction = 0;
    if (at < text.size() && text[at] == ':') {
        ++at;
        const auto parsed = read_number(text, at, 2, 2);
        if (!parsed || *parsed > 60)
            return std::nullopt;
        second = *parsed;
        if (at < text.size() && text[at] == '.') {
            ++at;
            std::int64_t scale = 100000;
            const std::size_t first = at;
            for (; at < text.size() && is_digit(text[at]); ++at, scale /= 10)
                fraction += (text[at] - '0') * scale;
            if (at == first)
                return std::nullopt;
        }
    }
    int offset = 0;
    if (at < text.size()) {
        while (at < text.size() && text[at] == ' ')
            ++at;
        const auto parsed = read_offset(text, at);
        if (!parsed || at != text.size())
            return std::nullopt;
        offset = *parsed;
        had_offset = true;
    }
    return (std::int64_t(*hour) * 3600 + *minute * 60 + second - offset) * micros_per_second + fraction;
}

std::optional<ParsedTime> with_clock(std::string_view text, std::size_t at, std::int64_t day_start)
{
    ParsedTime parsed;
    if (at == text.size()) {
        parsed.value = {TimeFormat::Date, day_start};
        return parsed;
    }
    if (text[at] != ' ' && text[at] != 'T')
        return std::nullopt;
    const auto clock = read_clock(text, at + 1, parsed.had_offset);
    if (!clock)
        return std::nullopt;
    parsed.value = {TimeFormat::DateTime, day_start + *clock};
    return parsed;
}

std::optional<ParsedTime> parse_day_month(std::string_view text, bool day_first)
{
    std::size_t at = 0;
    const auto a = read_number(text, at, 1, 2);
    if (!a || at >= text.size())
        return std::nullopt;
    const char separator = text[at];
    if (separator != '/' && separator != '.' && separator != '-')
        return std::nullopt;
    ++at;
    const auto b = read_number(text, at, 1, 2);
    if (!b || at >= text.size() || text[at++] != separator)
        return std::nullopt;
    const auto year = read_number(text, at, 4, 4);
    if (!year)
        return std::nullopt;
    const int day = day_first ? *a : *b;
    const int month = day_first ? *b : *a;
    if (!valid_date(*year, month, day))
        return std::nullopt;
    return with_clock(text, at, midnight(*year, month, day));
}

std::optional<ParsedTime> parse_iso(std::string_view text)
{
    bool had_offset = false;
    const auto iso = parse_calendar_time(text, had_offset);
    if (!iso)
        return std::nullopt;
    return ParsedTime{*iso, had_offset};
}

std::optional<ParsedTime> parse_year_first(std::string_view text)
{
    if (const auto iso = parse_iso(text))
        return iso;
    std::size_t at = 0;
    const auto year = read_number(text, at, 4, 4);
    if (!year || at >= text.size())
        return std::nullopt;
    int month = 0;
    int day = 0;
    if (text[at] == '.') {
        ++at;
        const auto m = read_number(text, at, 2, 2);
        if (!m || at >= text.size() || text[at++] != '.')
            return std::nullopt;
        const auto d = read_number(text, at, 2, 2);
        if (!d)
            return std::nullopt;
        month = *m;
        day = *d;
    } else {
        const auto m = read_number(text, at, 2, 2);
        const auto d = m ? read_number(text, at, 2, 2) : std::nullopt;
        if (!d)
            return std::nullopt;
        month = *m;
        day = *d;
    }
    if (!valid_date(*year, month, day))
        return std::nullopt;
    return with_clock(text, at, midnight(*year, month, day));
}

std::optional<ParsedTime> parse_unix(std::string_view text, std::int64_t micros_per_unit)
{
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        std::abs(value) * double(micros_per_unit) > 9.0e18)
        return std::nullopt;
    return ParsedTime{{TimeFormat::DateTime, std::int64_t(std::llround(value * double(micros_per_unit)))}, true};
}

constexpr std::array<std::string_view, 12> month_names = {"january", "february", "march",     "april",   "may",      "june",
                                                          "july",    "august",   "september", "october", "november", "december"};

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// An English month name (full, or its first three letters) at `at`.
std::optional<int> read_month_name(std::string_view text, std::size_t& at)
{
    for (std::size_t m = 0; m < month_names.size(); ++m) {
        const std::string_view name = month_names[m];
        std::size_t length = 0;
        while (at + length < text.size() && length < name.size() && lower(text[at + length]) == name[length])
            ++length;
        if (length == name.size() || (length == 3 && (at + 3 >= text.size() || !(lower(text[at + 3]) >= 'a' && lower(text[at + 3]) <= 'z')))) {
            at += length;
            return int(m + 1);
        }
    }
    return std::nullopt;
}

std::optional<ParsedTime> parse_pattern(std::string_view pattern, std::string_view text)
{
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0;
    std::int64_t fraction = 0;
    bool has_clock = false, had_offset = false, twelve_hour = false, pm = false;
    std::size_t at = 0;
    for (std::size_t p = 0; p < pattern.size(); ++p) {
        const char c = pattern[p];
        if (c == ' ') {
            if (at >= text.size() || text[at] != ' ')
                return std::nullopt;
            while (at < text.size() && text[at] == ' ')
                ++at;
            continue;
        }
        if (c != '%' || p + 1 == pattern.size()) {
            if (at >= text.size() || text[at] != c)
                return std::nullopt;
            ++at;
            continue;
        }
        const char directive = pattern[++p];
        std::optional<int> value;
        switch (directive) {
        case 'Y': value = read_number(text, at, 4, 4); if (value) year = *value; break;
        case 'y': value = read_number(text, at, 2, 2); if (value) year = *value < 69 ? 2000 + *value : 1900 + *value; break;
        case 'm': value = read_number(text, at, 1, 2); if (value) month = *value; break;
        case 'd': case 'e':
            while (directive == 'e' && at < text.size() && text[at] == ' ')
                ++at;
            value = read_number(text, at, 1, 2);
            if (value) day = *value;
            break;
        case 'H': value = read_number(text, at, 1, 2); if (value) hour = *value; has_clock = true; break;
        case 'I': value = read_number(text, at, 1, 2); if (value) hour = *value; has_clock = twelve_hour = true; break;
        case 'M': value = read_number(text, at, 2, 2); if (value) minute = *value; has_clock = true; break;
        case 'S': value = read_number(text, at, 2, 2); if (value) second = *value; has_clock = true; break;
        case 'f': {
            std::int64_t scale = 100000;
            const std::size_t first = at;
            for (; at < text.size() && is_digit(text[at]); ++at, scale /= 10)
                fraction += (text[at] - '0') * scale;
            if (at > first)
                value = 0;
            break;
        }
        case 'p':
            if (at + 2 <= text.size() && (lower(text[at]) == 'a' || lower(text[at]) == 'p') && lower(text[at + 1]) == 'm') {
                pm = lower(text[at]) == 'p';
                at += 2;
                value = 0;
            }
            break;
        case 'b': case 'B': case 'h': value = read_month_name(text, at); if (value) month = *value; break;
        case 'z': value = read_offset(text, at); if (value) { offset = *value; had_offset = true; } break;
        case '%': if (at < text.size() && text[at] == '%') { ++at; value = 0; } break;
        default: return std::nullopt;
        }
        if (!value)
            return std::nullopt;
    }
    if (at != text.size() || !valid_date(year, month, day))
        return std::nullopt;
    if (twelve_hour) {
        if (hour < 1 || hour > 12)
            return std::nullopt;
        hour = hour % 12 + (pm ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const std::int64_t clock = (std::int64_t(hour) * 3600 + minute * 60 + second - offset) * micros_per_second + fraction;
    return ParsedTime{{has_clock ? TimeFormat::DateTime : TimeFormat::Date, midnight(year, month, day) + clock}, had_offset};
}

} // namespace

std::optional<ParsedTime> parse_time_syntax(TimeSyntax syntax, std::string_view pattern, std::string_view text)
{
    text = trim_blanks(text);
    switch (syntax) {
    case TimeSyntax::ISO: return parse_iso(text);
    case TimeSyntax::YMD: return parse_year_first(text);
    case TimeSyntax::DMY: return parse_day_month(text, true);
    case TimeSyntax::MDY: return parse_day_month(text, false);
    case TimeSyntax::UnixSeconds: return parse_unix(text, micros_per_second);
    case TimeSyntax::UnixMillis: return parse_unix(text, 1000);
    case TimeSyntax::Index:
        if (const auto index = parse_time_index(text))
            return ParsedTime{{TimeFormat::Index, *index}, false};
        return std::nullopt;
    case TimeSyntax::Pattern: return parse_pattern(pattern, text);
    case TimeSyntax::Auto: break;
    }
    return std::nullopt;
}

std::optional<NumericDateParts> numeric_date_parts(std::string_view text)
{
    text = trim_blanks(text);
    std::size_t at = 0;
    const auto a = read_number(text, at, 1, 2);
    if (!a || at >= text.size() || (text[at] != '/' && text[at] != '.' && text[at] != '-'))
        return std::nullopt;
    const char separator = text[at++];
    const auto b = read_number(text, at, 1, 2);
    if (!b || at >= text.size() || text[at++] != separator || !read_number(text, at, 4, 4))
        return std::nullopt;
    return NumericDateParts{*a, *b};
}

std::string time_syntax_description(TimeSyntax syntax, std::string_view pattern)
{
    switch (syntax) {
    case TimeSyntax::ISO: return "ISO dates (YYYY-MM-DD)";
    case TimeSyntax::DMY: return "day first (DD/MM/YYYY)";
    case TimeSyntax::MDY: return "month first (MM/DD/YYYY)";
    case TimeSyntax::YMD: return "year first (YYYYMMDD)";
    case TimeSyntax::UnixSeconds: return "Unix seconds";
    case TimeSyntax::UnixMillis: return "Unix milliseconds";
    case TimeSyntax::Index: return "integer index";
    case TimeSyntax::Pattern: return "pattern " + std::string(pattern);
    case TimeSyntax::Auto: break;
    }
    return "auto";
}

} // namespace lstmlab
