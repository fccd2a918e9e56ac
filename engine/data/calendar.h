// Calendar: the sampling step of a series, inferred from its time axis, and what follows from it.
//
// From the n time keys of a Frame (time_parse.h: microseconds since 1970-01-01 UTC for calendar
// formats) the n-1 steps are classified and the most common class decides, when it covers at least
// 80 % of the steps:
//   step               periods per year   season (the naive seasonal lag)
//   yearly             1                  none (1: a year has no season inside it)
//   quarterly          4                  4
//   monthly            12                 12
//   weekly             52                 52
//   business daily     252                5     (daily steps that never land on a Saturday or Sunday)
//   daily              365                7
//   hourly             24 x 252 or 24 x 365 (weekends skipped or not)   24
//   minute-level       by the step        none
// An index axis (a plain integer "Day" column) or no time axis is "rows": no calendar, no
// annualisation, no season; the caller then needs --periods-per-year / --season.
// `evidence` is one sentence a report can print as is ("monthly: 341 of 342 steps are one month").
#pragma once

#include "engine/data/time_parse.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class CalendarStep { Rows, Irregular, Yearly, Quarterly, Monthly, Weekly, BusinessDaily, Daily, Hourly, Minutes };

struct Calendar {
    CalendarStep step = CalendarStep::Rows;
    std::int64_t step_microseconds = 0;   // the fixed step of Hourly / Minutes / Daily / Weekly, else 0
    bool weekends_skipped = false;        // no row falls on a Saturday or Sunday (daily and finer)
    double periods_per_year = 0.0;        // 0 when unknown (rows, irregular, minute-level)
    int season = 0;                       // 0 when there is none
    std::string evidence;

    bool known() const { return periods_per_year > 0.0; }
};

// "rows", "irregular", "yearly", "quarterly", "monthly", "weekly", "business daily", "daily",
// "hourly", "minute-level"
std::string_view calendar_step_name(CalendarStep step);

// keys (n) strictly increasing, in `format`'s units.
Calendar infer_calendar(TimeFormat format, const std::vector<std::int64_t>& keys);

// Day of the week of a calendar key, 0 = Monday .. 6 = Sunday.
int weekday_of_key(std::int64_t key_microseconds);

struct CivilDate {
    std::int64_t year;
    unsigned month;  // 1..12
    unsigned day;    // 1..31
};

// The proleptic Gregorian date of a day number (inverse of days_from_civil, time_parse.h).
CivilDate civil_from_days(std::int64_t days);

} // namespace lstmlab
