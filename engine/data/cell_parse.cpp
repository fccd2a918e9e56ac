#include "engine/data/cell_parse.h"

#include "engine/core/ascii.h"
#include "engine/core/error.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <system_error>

namespace lstmlab {
namespace {

} // namespace

bool is_missing_word(std::string_view trimmed)
{
    static constexpr std::array<std::string_view, 4> tokens = {"NA", "NaN", "null", "N/A"};
    for (std::string_view token : tokens)
        if (equals_ignoring_case(trimmed, token))
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

namespace {

// Currency signs accepted before or after a number: $, euro, pound, yen, rupee.
constexpr std::array<std::string_view, 5> currency_signs = {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "\xE2\x82\xB9"};
// Group separators as written, and the option character each stands for (NBSP, narrow NBSP = space).
constexpr std::array<std::pair<std::string_view, char>, 6> group_separators = {
    {{",", ','}, {".", '.'}, {" ", ' '}, {"'", '\''}, {"\xC2\xA0", ' '}, {"\xE2\x80\xAF", ' '}}};

bool strip_currency(std::string_view& text)
{
    for (std::string_view sign : currency_signs) {
        if (text.size() > sign.size() && text.substr(0, sign.size()) == sign) {
            text = trim_blanks(text.substr(sign.size()));
            return true;
        }
        if (text.size() > sign.size() && text.substr(text.size() - sign.size()) == sign) {
            text = trim_blanks(text.substr(0, text.size() - sign.size()));
            return true;
        }
    }
    return false;
}

// Rewrites `body` (sign, digits with optional groups, decimal, exponent) as C-locale text in `out`.
bool normalise_number(std::string_view body, const NumberFormat& format, std::string& out, bool& grouped)
{
    std::size_t at = 0;
    if (at < body.size() && (body[at] == '-' || body[at] == '+')) {
        if (body[at] == '-')
            out += '-';
        ++at;
    }
    std::size_t digits = 0;     // integer digits
    std::size_t run = 0;        // digits since the last group separator
    char separator = 0;         // the one group separator in use
    for (; at < body.size(); ) {
        const char c = body[at];
        if (is_digit(c)) {
            out += c;
            ++digits;
            ++run;
            ++at;
            continue;
        }
        if (c == format.decimal || c == 'e' || c == 'E')
            break;
        bool matched = false;
        for (const auto& [bytes, as] : group_separators) {
            if (body.substr(at, bytes.size()) != bytes || as == format.decimal)
                continue;
            const bool allowed = format.thousands ? as == format.thousands : format.auto_thousands;
            if (!allowed || (separator && as != separator) || run == 0 || run > 3 || (separator && run != 3))
                return false;
            separator = as;
            run = 0;
            at += bytes.size();
            matched = true;
            break;
        }
        if (!matched)
            return false;
    }
    if (digits == 0 || (separator && run != 3))
        return false;
    grouped = separator != 0;
    if (at < body.size() && body[at] == format.decimal) {
        ++at;
        out += '.';
        std::size_t fraction = 0;
        for (; at < body.size() && is_digit(body[at]); ++at, ++fraction)
            out += body[at];
        if (fraction == 0)
            out += '0';
    }
    if (at < body.size() && (body[at] == 'e' || body[at] == 'E')) {
        out += body[at++];
        if (at < body.size() && (body[at] == '-' || body[at] == '+'))
            out += body[at++];
        std::size_t exponent = 0;
        for (; at < body.size() && is_digit(body[at]); ++at, ++exponent)
            out += body[at];
        if (exponent == 0)
            return false;
    }
    return at == body.size();
}

} // namespace

ParsedCell parse_number_cell_formatted(std::string_view text, const NumberFormat& format)
{
    if (format.decimal != '.' && is_missing_token(text)) {
        return {CellStatus::Missing, 0.0};
    }
    std::string_view body = trim_blanks(text);
    unsigned decorations = 0;
    bool negative_outside = false;  // "-$1.5": the sign before the currency sign
    if (format.decorations) {
        if (body.size() > 1 && body.front() == '-' && !is_digit(body[1])) {
            negative_outside = true;
            body = trim_blanks(body.substr(1));
        }
        if (!body.empty() && body.back() == '%') {
            decorations |= decoration_percent;
            body = trim_blanks(body.substr(0, body.size() - 1));
        }
        if (strip_currency(body))
            decorations |= decoration_currency;
        if (negative_outside && decorations == 0)
            return {CellStatus::NotNumber, 0.0};
    }
    std::string normal;
    if (negative_outside)
        normal += '-';
    bool grouped = false;
    if (body.empty() || body.size() > 400 || !normalise_number(body, format, normal, grouped))
        return {CellStatus::NotNumber, 0.0};
    if (negative_outside && normal.size() > 1 && normal[1] == '-')
        return {CellStatus::NotNumber, 0.0};
    ParsedCell cell = parse_number_cell(normal);
    if (cell.status != CellStatus::Number)
        return cell;
    if (decorations & decoration_percent)
        cell.value /= 100.0;
    cell.decorations = decorations | (grouped ? unsigned(decoration_grouped) : 0u);
    return cell;
}

std::optional<SettingRef> number_option_hint(std::string_view text, const NumberFormat& format)
{
    NumberFormat other = format;
    other.decorations = true;
    other.thousands = '\0';
    other.auto_thousands = true;
    other.decimal = format.decimal == ',' ? '.' : ',';
    if (parse_number_cell(text, other).status == CellStatus::Number) {
        const ParsedCell as_is = parse_number_cell(text, NumberFormat{format.decimal, '\0', true, true});
        if (as_is.status != CellStatus::Number)
            return SettingRef{"decimal", std::string(1, other.decimal)};
    }
    other.decimal = format.decimal;
    if (!format.auto_thousands && parse_number_cell(text, other).status == CellStatus::Number)
        return SettingRef{"thousands", "auto"};
    return std::nullopt;
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

namespace {

// Length of the valid UTF-8 sequence at text[at], or 0 (Unicode 15, table 3-7).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at)
{
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80) {
        return 1;
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
    if (length == 0 || at + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(text[at + k]);
        if (k == 1 ? (byte < low || byte > high) : (byte < 0x80 || byte > 0xBF))
            return 0;
    }
    return length;
}

} // namespace

std::size_t first_invalid_utf8(std::string_view text)
{
    std::size_t at = 0;
    while (at < text.size()) {
        if (static_cast<unsigned char>(text[at]) < 0x80) {
            ++at;
            continue;
        }
        const std::size_t length = utf8_sequence_length(text, at);
        if (length == 0)
            return at;
        at += length;
    }
    return std::string_view::npos;
}

std::string utf8_sanitized(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t length = utf8_sequence_length(text, at);
        if (length > 0) {
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

std::vector<SettingPiece> describe_bad_number(std::string_view text, CellStatus status, const NumberFormat& format)
{
    const std::string quoted = quote_for_message(trim_blanks(text));
    switch (status) {
    case CellStatus::OutOfRange:
        return {quoted + " is outside the range of a double (magnitudes from about 4.9e-324 to 1.8e308)."};
    case CellStatus::NotFinite:
        return {quoted + " is not a finite number."};
    default:
        break;
    }
    std::optional<SettingRef> hint = number_option_hint(text, format);
    if (!hint)
        return {quoted + " is not a number."};
    return {quoted + " is not a number; add ", std::move(*hint), "."};
}

} // namespace lstmlab
