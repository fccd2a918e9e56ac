// Time syntaxes of CsvOptions::time_syntax: how the cells of a time column are written.
//
//   ISO      YYYY-MM-DD, YYYY/MM/DD, YYYY-MM, YYYY-MM-DD[T ]HH:MM[:SS[.f]][Z|+HH:MM] (time_parse.h)
//   DMY      D/M/YYYY, D.M.YYYY or D-M-YYYY (one or two digits), optionally then ' ' or 'T' and H:MM[:SS]
//   MDY      M/D/YYYY, M.D.YYYY or M-D-YYYY, the same clock
//   YMD      ISO, YYYY.MM.DD, or the compact YYYYMMDD
//   unix-s   seconds since 1970-01-01T00:00:00Z (integer or decimal)
//   unix-ms  milliseconds since then
//   index    a plain integer (the key is the integer itself)
//   pattern  strftime directives %Y %y %m %d %e %H %I %M %S %f %p %b %B %z %%; a space matches one or
//            more spaces, any other character itself
// Keys are microseconds since 1970-01-01T00:00:00 UTC (offsets +HH:MM / Z subtracted), except for
// index. A clock without an offset is taken as written (local time; a DST gap is just a gap).
#pragma once

#include "engine/data/csv_options.h"
#include "engine/data/time_parse.h"

#include <optional>
#include <string_view>

namespace lstmlab {

struct ParsedTime {
    TimeValue value;
    bool had_offset = false;   // the text carried a UTC offset or 'Z'
};

// Parses `text` in `syntax` (not Auto); nullopt when it is not such a time or names an impossible date.
std::optional<ParsedTime> parse_time_syntax(TimeSyntax syntax, std::string_view pattern, std::string_view text);

// The two leading numbers of a D/M/Y or M/D/Y date ("13/01/2024" -> 13, 1), for deciding DMY versus
// MDY from the data; nullopt when `text` is not of that shape.
struct NumericDateParts {
    int first = 0;
    int second = 0;
};
std::optional<NumericDateParts> numeric_date_parts(std::string_view text);

// "DD/MM/YYYY", "unix seconds", "%d.%m.%Y", ... for reports.
std::string time_syntax_description(TimeSyntax syntax, std::string_view pattern);

} // namespace lstmlab
