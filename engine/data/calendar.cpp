#include "engine/data/calendar.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace lstmlab {
namespace {

std::int64_t month_index(std::int64_t key);

} // namespace

// Hinnant's civil_from_days.
CivilDate civil_from_days(std::int64_t days)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {std::int64_t(yoe) + era * 400 + (month <= 2), month, day};
}

namespace {

std::int64_t month_index(std::int64_t key)
{
    const CivilDate c = civil_from_days(floor_div(key, micros_per_day));
    return c.year * 12 + std::int64_t(c.month) - 1;
}

// The class of one step a -> b.
enum class StepClass { Month, Quarter, Year, Week, Day, DayGap, SubDaily, Other };

StepClass classify(std::int64_t a, std::int64_t b)
{
    const std::int64_t span = b - a;
    const double days = double(span) / double(micros_per_day);
    const std::int64_t months = month_index(b) - month_index(a);
    if (months == 1 && days >= 27.5 && days <= 31.5)
        return StepClass::Month;
    if (months == 3 && days >= 88.5 && days <= 92.5)
        return StepClass::Quarter;
    if (months == 12 && days >= 364.5 && days <= 366.5)
        return StepClass::Year;
    if (span == 7 * micros_per_day)
        return StepClass::Week;
    if (span == micros_per_day)
        return StepClass::Day;
    if (span % micros_per_day == 0 && span >= 2 * micros_per_day && span <= 4 * micros_per_day)
        return StepClass::DayGap;
    if (span < micros_per_day)
        return StepClass::SubDaily;
    return StepClass::Other;
}

std::string count_of(std::size_t part, std::size_t whole)
{
    return std::to_string(part) + " of " + std::to_string(whole);
}

} // namespace

std::string_view calendar_step_name(CalendarStep step)
{
    switch (step) {
    case CalendarStep::Rows: return "rows";
    case CalendarStep::Irregular: return "irregular";
    case CalendarStep::Yearly: return "yearly";
    case CalendarStep::Quarterly: return "quarterly";
    case CalendarStep::Monthly: return "monthly";
    case CalendarStep::Weekly: return "weekly";
    case CalendarStep::BusinessDaily: return "business daily";
    case CalendarStep::Daily: return "daily";
    case CalendarStep::Hourly: return "hourly";
    case CalendarStep::Minutes: return "minute-level";
    }
    return "rows";
}

int weekday_of_key(std::int64_t key_microseconds)
{
    const std::int64_t days = floor_div(key_microseconds, micros_per_day);
    return int(((days + 3) % 7 + 7) % 7);   // 1970-01-01 was a Thursday (3)
}

Calendar infer_calendar(TimeFormat format, const std::vector<std::int64_t>& keys)
{
    Calendar calendar;
    if (format == TimeFormat::None) {
        calendar.evidence = "no time column: rows are numbered, so there is no calendar";
        return calendar;
    }
    if (format == TimeFormat::Index) {
        calendar.evidence = "the time column is an integer index, not a calendar";
        return calendar;
    }
    const std::size_t steps = keys.size() < 2 ? 0 : keys.size() - 1;
    calendar.step = CalendarStep::Irregular;
    if (steps == 0) {
        calendar.evidence = "one row: no step to infer a calendar from";
        return calendar;
    }
    std::map<StepClass, std::size_t> counts;
    std::map<std::int64_t, std::size_t> sub_daily;   // step length -> count
    for (std::size_t k = 0; k < steps; ++k) {
        const StepClass c = classify(keys[k], keys[k + 1]);
        ++counts[c];
        if (c == StepClass::SubDaily)
            ++sub_daily[keys[k + 1] - keys[k]];
    }
    bool weekend_rows = false;
    for (std::int64_t key : keys)
        weekend_rows = weekend_rows || weekday_of_key(key) >= 5;
    calendar.weekends_skipped = !weekend_rows;
    const auto share = [&](StepClass c) { return double(counts[c]) / double(steps); };
    struct Regular {
        StepClass c;
        CalendarStep step;
        double per_year;
        int season;
        const char* unit;
    };
    const Regular regular[] = {{StepClass::Month, CalendarStep::Monthly, 12, 12, "one calendar month"},
                               {StepClass::Quarter, CalendarStep::Quarterly, 4, 4, "one quarter"},
                               {StepClass::Year, CalendarStep::Yearly, 1, 0, "one year"},
                               {StepClass::Week, CalendarStep::Weekly, 52, 52, "seven days"}};
    for (const Regular& r : regular)
        if (share(r.c) >= 0.8) {
            calendar.step = r.step;
            calendar.periods_per_year = r.per_year;
            calendar.season = r.season;
            calendar.step_microseconds = r.c == StepClass::Week ? 7 * micros_per_day : 0;
            calendar.weekends_skipped = false;
            calendar.evidence = std::string(calendar_step_name(r.step)) + ": " + count_of(counts[r.c], steps)
                              + " steps are " + r.unit;
            return calendar;
        }
    if (share(StepClass::Day) + share(StepClass::DayGap) >= 0.8 && share(StepClass::Day) >= 0.5) {
        calendar.step = calendar.weekends_skipped ? CalendarStep::BusinessDaily : CalendarStep::Daily;
        calendar.step_microseconds = micros_per_day;
        calendar.periods_per_year = calendar.weekends_skipped ? 252 : 365;
        calendar.season = calendar.weekends_skipped ? 5 : 7;
        calendar.evidence = std::string(calendar_step_name(calendar.step)) + ": " + count_of(counts[StepClass::Day], steps)
                          + " steps are one day"
                          + (calendar.weekends_skipped ? ", and no row falls on a Saturday or Sunday" : "");
        return calendar;
    }
    if (!sub_daily.empty()) {
        const auto mode = std::max_element(sub_daily.begin(), sub_daily.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        if (double(mode->second) / double(steps) >= 0.5) {
            calendar.step = mode->first == micros_per_hour ? CalendarStep::Hourly : CalendarStep::Minutes;
            calendar.step_microseconds = mode->first;
            // Rows per year from the data itself: trading hours and closed days make it anything.
            const double years = double(keys.back() - keys.front()) / double(micros_per_day) / 365.25;
            calendar.periods_per_year = years > 0 ? std::round(double(steps) / years) : 0.0;
            if (calendar.step == CalendarStep::Hourly) {
                std::map<std::int64_t, int> per_day;
                for (std::int64_t key : keys)
                    ++per_day[floor_div(key, micros_per_day)];
                std::map<int, std::size_t> day_sizes;
                for (const auto& [day, rows] : per_day)
                    ++day_sizes[rows];
                calendar.season = std::max_element(day_sizes.begin(), day_sizes.end(), [](const auto& a, const auto& b) {
                                      return a.second < b.second;
                                  })->first;
            }
            calendar.evidence = std::string(calendar_step_name(calendar.step)) + ": " + count_of(mode->second, steps)
                              + " steps are " + std::to_string(mode->first / 60'000'000) + " minutes";
            return calendar;
        }
    }
    calendar.evidence = "irregular: no step length covers 80 % of the " + std::to_string(steps) + " steps";
    return calendar;
}

} // namespace lstmlab
