// Numbers in sentences and tables: `digits` significant digits, independent of the locale.
#pragma once

#include <charconv>
#include <cmath>
#include <string>

namespace lstmlab {

// "0.0123457", "1.5e+06", "-3"; "nan", "inf" or "-inf" for the non-finite values.
inline std::string significant(double value, int digits = 6)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, digits);
    return std::string(buffer, result.ptr);
}

} // namespace lstmlab
