#include "engine/data/cell_parse.h"

#include "engine/core/error.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <system_error>

namespace lstmlab {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        char x = a[k];
        char y = b[k];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

} // namespace

std::string_view trim_blanks(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool is_missing_token(std::string_view text)
{
    static constexpr std::array<std::string_view, 4> tokens = {"NA", "NaN", "null", "N/A"};
    text = trim_blanks(text);
    if (text.empty())
        return true;
    for (std::string_view token : tokens)
        if (equals_ignoring_case(text, token))
            return true;
    return false;
}

ParsedCell parse_number_cell(std::string_view text)
{
    text = trim_blanks(text);
    double value = 0.0;
    if (!text.empty() && text.front() != '+') {  // fast path: a plain number, the common case
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size() && value - value == 0.0)
            return {CellStatus::Number, value};
    }
    if (is_missing_token(text))
        return {CellStatus::Missing, 0.0};
    std::string_view digits = text;
    if (digits.size() > 1 && digits.front() == '+' && digits[1] != '-')
        digits.remove_prefix(1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc::result_out_of_range)
        return {CellStatus::OutOfRange, 0.0};
    if (error != std::errc() || end != digits.data() + digits.size())
        return {CellStatus::NotNumber, 0.0};
    if (value != value)
        return {CellStatus::Missing, 0.0};  // "nan(...)" spellings are missing values too
    if (value - value != 0.0)
        return {CellStatus::NotFinite, 0.0};
    return {CellStatus::Number, value};
}

std::string_view utf8_prefix(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit)
        return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;  // text[end] is a continuation byte: the sequence started before it
    return text.substr(0, end);
}

std::string utf8_sanitized(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const auto lead = static_cast<unsigned char>(text[at]);
        // Sequence length and the allowed range of the second byte (Unicode 15, table 3-7).
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead < 0x80) {
            length = 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        }
        bool valid = length > 0 && at + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            const auto byte = static_cast<unsigned char>(text[at + k]);
            valid = k == 1 ? (byte >= low && byte <= high) : (byte >= 0x80 && byte <= 0xBF);
        }
        if (valid) {
            out.append(text.substr(at, length));
            at += length;
        } else {
            out += '?';
            ++at;
        }
    }
    return out;
}

std::string printable_for_message(std::string_view text, std::size_t limit)
{
    std::string out = one_line_message(std::string(utf8_prefix(text, limit)));
    if (text.size() > limit)
        out += "...";
    return out;
}

std::string quote_for_message(std::string_view text, std::size_t limit)
{
    return '"' + printable_for_message(text, limit) + '"';
}

std::string describe_bad_number(std::string_view text, CellStatus status, char delimiter)
{
    const std::string quoted = quote_for_message(trim_blanks(text));
    switch (status) {
    case CellStatus::OutOfRange:
        return quoted + " is outside the range of a double (magnitudes from about 4.9e-324 to 1.8e308).";
    case CellStatus::NotFinite:
        return quoted + " is not a finite number.";
    default:
        break;
    }
    if (delimiter != ',' && text.find(',') != std::string_view::npos)
        return quoted + " is not a number (the decimal separator must be '.', not ',').";
    return quoted + " is not a number.";
}

} // namespace lstmlab
