// ASCII character tests that do not depend on the C locale (std::isdigit and std::tolower do), shared
// by the CSV, time and JSON parsers.
#pragma once

#include <string_view>

namespace lstmlab {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// a == b with ASCII letters compared case-insensitively ("NaN" equals "nan").
constexpr bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (ascii_lower(a[k]) != ascii_lower(b[k]))
            return false;
    return true;
}

}  // namespace lstmlab
