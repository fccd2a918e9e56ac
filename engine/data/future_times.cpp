#include "engine/data/future_times.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace lstmlab {
namespace {

unsigned days_in_month(std::int64_t year, unsigned month)
{
    const std::int64_t first = days_from_civil(year, month, 1);
    const std::int64_t next = month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
    return unsigned(next - first);
}

std::int64_t add_months(std::int64_t key, int months)
{
    const std::int64_t day = floor_div(key, micros_per_day);
    const std::int64_t time_of_day = key - day * micros_per_day;
    const CivilDate c = civil_from_days(day);
    const std::int64_t index = c.year * 12 + std::int64_t(c.month) - 1 + months;
    const std::int64_t year = floor_div(index, 12);
    const auto month = unsigned(index - year * 12 + 1);
    const unsigned d = std::min(c.day, days_in_month(year, month));
    return days_from_civil(year, month, d) * micros_per_day + time_of_day;
}

// Month-days (month * 100 + day) that fell on a weekday in >= 2 years of the history's span and never
// appear in it.
std::set<unsigned> closed_month_days(const std::vector<std::int64_t>& keys)
{
    std::set<std::int64_t> present;
    for (std::int64_t key : keys)
        present.insert(floor_div(key, micros_per_day));
    std::map<unsigned, int> weekday_years;
    std::set<unsigned> seen;
    for (std::int64_t d = *present.begin(); d <= *present.rbegin(); ++d) {
        const CivilDate c = civil_from_days(d);
        const unsigned month_day = c.month * 100 + c.day;
        if (present.count(d))
            seen.insert(month_day);
        else if (weekday_of_key(d * micros_per_day) < 5)
            ++weekday_years[month_day];
    }
    std::set<unsigned> closed;
    for (const auto& [month_day, years] : weekday_years)
        if (years >= 2 && !seen.count(month_day))
            closed.insert(month_day);
    return closed;
}

std::string month_day_name(unsigned month_day)
{
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(month_day % 100) + " " + months[month_day / 100 - 1];
}

} // namespace

std::string format_time_key(TimeFormat format, std::int64_t key)
{
    if (format == TimeFormat::Index || format == TimeFormat::None)
        return std::to_string(key);
    const std::int64_t day = floor_div(key, micros_per_day);
    const CivilDate c = civil_from_days(day);
    char text[48];
    if (format == TimeFormat::Month) {
        std::snprintf(text, sizeof text, "%04lld-%02u", static_cast<long long>(c.year), c.month);
    } else if (format == TimeFormat::Date) {
        std::snprintf(text, sizeof text, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
    } else {
        const std::int64_t seconds = (key - day * micros_per_day) / 1'000'000;
        std::snprintf(text, sizeof text, "%04lld-%02u-%02u %02lld:%02lld:%02lld", static_cast<long long>(c.year), c.month,
                      c.day, static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                      static_cast<long long>(seconds % 60));
    }
    return text;
}

FutureTimes future_times(TimeFormat format, const std::vector<std::int64_t>& keys, std::size_t rows, std::size_t count)
{
    FutureTimes future;
    const Calendar calendar = infer_calendar(format, keys);
    future.evidence = calendar.evidence;
    auto number_rows = [&] {
        future.evidence += "; the forecast steps are numbered after the last row";
        for (std::size_t k = 1; k <= count; ++k)
            future.labels.push_back(std::to_string(rows + k));
        return future;
    };
    if (format == TimeFormat::Index && keys.size() >= 2) {
        std::map<std::int64_t, std::size_t> steps;
        for (std::size_t k = 1; k < keys.size(); ++k)
            ++steps[keys[k] - keys[k - 1]];
        const std::int64_t step = std::max_element(steps.begin(), steps.end(), [](const auto& a, const auto& b) {
                                      return a.second < b.second;
                                  })->first;
        future.evidence += "; the index continues in steps of " + std::to_string(step);
        for (std::size_t k = 1; k <= count; ++k)
            future.labels.push_back(std::to_string(keys.back() + std::int64_t(k) * step));
        return future;
    }
    if (!calendar.known() && calendar.step != CalendarStep::Minutes)
        return number_rows();

    std::int64_t key = keys.back();
    switch (calendar.step) {
    case CalendarStep::Monthly:
    case CalendarStep::Quarterly:
    case CalendarStep::Yearly: {
        const int months = calendar.step == CalendarStep::Monthly ? 1 : calendar.step == CalendarStep::Quarterly ? 3 : 12;
        for (std::size_t k = 1; k <= count; ++k)
            future.labels.push_back(format_time_key(format, add_months(keys.back(), int(k) * months)));
        return future;
    }
    case CalendarStep::BusinessDaily: {
        const std::set<unsigned> closed = closed_month_days(keys);
        std::set<unsigned> skipped;
        while (future.labels.size() < count) {
            key += micros_per_day;
            const CivilDate c = civil_from_days(floor_div(key, micros_per_day));
            const unsigned month_day = c.month * 100 + c.day;
            if (weekday_of_key(key) >= 5)
                continue;
            if (closed.count(month_day)) {
                skipped.insert(month_day);
                continue;
            }
            future.labels.push_back(format_time_key(format, key));
        }
        for (unsigned month_day : skipped)
            future.evidence += "; " + month_day_name(month_day)
                             + " is skipped (on a weekday in two or more years of the history, it never appears)";
        return future;
    }
    default: {
        // Fixed steps: weekly, daily, hourly, minute-level; finer than a day keeps to the history's
        // weekdays and times of day.
        std::set<std::int64_t> times_of_day;
        for (std::int64_t k : keys)
            times_of_day.insert(k - floor_div(k, micros_per_day) * micros_per_day);
        const bool intraday = calendar.step_microseconds < micros_per_day;
        for (int guard = 0; future.labels.size() < count && guard < 10'000'000; ++guard) {
            key += calendar.step_microseconds;
            const std::int64_t time_of_day = key - floor_div(key, micros_per_day) * micros_per_day;
            if (intraday && calendar.weekends_skipped && weekday_of_key(key) >= 5)
                continue;
            if (intraday && !times_of_day.count(time_of_day))
                continue;
            future.labels.push_back(format_time_key(format, key));
        }
        if (future.labels.size() < count) {
            future.labels.clear();
            return number_rows();
        }
        return future;
    }
    }
}

} // namespace lstmlab
