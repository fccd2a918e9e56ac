// Writing CSV cells: the one RFC 4180 quoting rule and the one number format every CSV the project
// writes uses (predictions, run folders' metrics.csv, sweep results).
#pragma once

#include <charconv>
#include <cmath>
#include <string>

namespace lstmlab {

// The shortest text that reads back to the same double; empty for NaN and infinities (a missing cell).
inline std::string csv_number(double value)
{
    if (!std::isfinite(value))
        return {};
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.
inline std::string csv_field(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c;
        if (c == '"')
            quoted += '"';
    }
    return quoted + "\"";
}

} // namespace lstmlab
