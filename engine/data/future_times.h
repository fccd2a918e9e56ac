// Future times: the labels of the H steps after the last row, following the series' calendar, for a
// forecast past the end of the data.
//
//   monthly / quarterly / yearly   the same day of the month 1, 3 or 12 months later (clamped to the
//                                  month's last day)
//   weekly, daily                  7 or 1 days later
//   business daily                 the next weekday that is not a closed day: a month-day is closed
//                                  when it fell on a weekday in at least two years of the history and
//                                  never appears in it (1 January, 25 December, ...)
//   hourly, minute-level           one step later, skipping Saturdays and Sundays when the history
//                                  does, and times of day the history never has (trading hours)
//   integer index                  the last index plus the most common step
//   no time column, irregular      row numbers after the last (n + 1, n + 2, ...)
// `evidence` is one line: the calendar's evidence and what was skipped.
#pragma once

#include "engine/data/calendar.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lstmlab {

struct FutureTimes {
    std::vector<std::string> labels;   // (count)
    std::string evidence;
};

// keys (n) of the history in `format` (time_parse.h); rows = n for numbering without a time axis.
FutureTimes future_times(TimeFormat format, const std::vector<std::int64_t>& keys, std::size_t rows, std::size_t count);

// "2007-01-02", "2007-01", "2007-01-02 15:30:00", or the integer of an index.
std::string format_time_key(TimeFormat format, std::int64_t key);

} // namespace lstmlab
