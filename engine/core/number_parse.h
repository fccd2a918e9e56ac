// The one number parser of options and settings: the whole text, locale-independent (std::from_chars).
//
// parse_number accepts what strtod's "C" locale writes and reads (a leading '+' too) and refuses
// empty text, trailing characters, NaN and infinities; parse_integer takes an int in plain digits.
// checked_number / checked_integer add the range and throw a SettingError naming the setting:
//   --lr: "abc" is not a number          --dropout: 2 is outside [0, 0.99]
//   --epochs: "x" is not a whole number  --seq-len: 0 is outside 1..1000
#pragma once

#include "engine/core/number_text.h"
#include "engine/core/setting_error.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace lstmlab {

inline std::optional<double> parse_number(std::string_view text)
{
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    const auto [next, ec] = std::from_chars(begin, end, value);
    if (text.empty() || ec != std::errc() || next != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

inline std::optional<int> parse_integer(std::string_view text)
{
    int value = 0;
    const auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || next != text.data() + text.size())
        return std::nullopt;
    return value;
}

inline double checked_number(const std::string& key, const std::string& text, double min, double max)
{
    const auto value = parse_number(text);
    if (!value)
        throw SettingError({SettingRef{key}, ": \"" + text + "\" is not a number"});
    if (*value < min || *value > max)
        throw SettingError({SettingRef{key}, ": " + text + " is outside [" + significant(min) + ", " + significant(max) + "]"});
    return *value;
}

inline int checked_integer(const std::string& key, const std::string& text, int min, int max)
{
    const auto value = parse_integer(text);
    if (!value)
        throw SettingError({SettingRef{key}, ": \"" + text + "\" is not a whole number"});
    if (*value < min || *value > max)
        throw SettingError({SettingRef{key}, ": " + text + " is outside " + std::to_string(min) + ".." + std::to_string(max)});
    return *value;
}

} // namespace lstmlab
