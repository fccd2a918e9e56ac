// Cell parsing: numbers and missing-value tokens, independent of the system locale.
//
// A number is what std::from_chars (chars_format::general) accepts -- "12", "-0.5", "1e-3", "3.18" --
// with an optional leading '+' and surrounding spaces or tabs; the decimal separator is always '.',
// whatever LC_NUMERIC or the global std::locale say. Missing values are the tokens "", "NA", "NaN",
// "null" and "N/A" (any letter case, surrounding spaces ignored).
#pragma once

#include "engine/core/setting_error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class CellStatus {
    Number,      // value holds the parsed number
    Missing,     // a missing-value token
    NotNumber,   // anything else: "abc", "1,5", "12 kg"
    OutOfRange,  // "1e400", "1e-400": outside the range of a double
    NotFinite,   // "inf", "infinity"
};

// What a cell carried besides its digits (CsvOptions: currency signs, percent, thousands groups).
enum CellDecoration : unsigned { decoration_percent = 1, decoration_currency = 2, decoration_grouped = 4 };

// 16 bytes, the double first: returned in registers (xmm0 + rax), not through memory, from the parse
// of every numeric cell of a file.
struct ParsedCell {
    double value = 0.0;
    CellStatus status = CellStatus::NotNumber;
    unsigned decorations = 0;   // CellDecoration bits

    ParsedCell() = default;
    ParsedCell(CellStatus s, double v, unsigned d = 0) : value(v), status(s), decorations(d) {}
};

// How the number cells of a file are written. The default is the strict form above.
struct NumberFormat {
    char decimal = '.';          // '.' or ','
    char thousands = '\0';       // a fixed group separator (' ' also matches U+00A0 and U+202F), or none
    bool auto_thousands = false; // accept 3-digit groups with any separator that is not the decimal
    bool decorations = false;    // accept a currency sign and a trailing percent (1.5% = 0.015)
};

// Strips ASCII spaces and tabs from both ends. Inline: it runs on every cell of a load.
inline std::string_view trim_blanks(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// An empty or blank cell, or NA, NaN, null, N/A in any case.
bool is_missing_word(std::string_view trimmed);
inline bool is_missing_token(std::string_view text)
{
    text = trim_blanks(text);
    return text.empty() || ((text.front() == 'N' || text.front() == 'n') && is_missing_word(text));
}

ParsedCell parse_number_cell(std::string_view text);
// The same with a file's number format: "1,5" (decimal ','), "1.234,5", "$1,234.50", "-2.5 %" = -0.025.
// A plain number takes the same fast path as the strict form.
ParsedCell parse_number_cell_formatted(std::string_view text, const NumberFormat& format);
inline ParsedCell parse_number_cell(std::string_view text, const NumberFormat& format)
{
    // Inline, so the plain numbers of a '.'-decimal file cost one call of the strict parse.
    if (format.decimal == '.') {
        const ParsedCell strict = parse_number_cell(text);
        if (strict.status != CellStatus::NotNumber)
            return strict;
    }
    return parse_number_cell_formatted(text, format);
}

// The import option that would read `text` as a number when `format` does not ({"decimal", ","}: the
// CLI says "--decimal ,"), or nothing when none would.
std::optional<SettingRef> number_option_hint(std::string_view text, const NumberFormat& format);

// Offset of the first byte of `text` that is not part of valid UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);

// Why a cell is not a usable number, as the tail of an error sentence:
// "\"abc\" is not a number." (the text is quoted and shortened to 40 bytes), ending with the import
// option that would read it when there is one: "\"1,5\" is not a number; add --decimal ,." (the
// option as a SettingRef, for each front end to word).
std::vector<SettingPiece> describe_bad_number(std::string_view text, CellStatus status, const NumberFormat& format);

// The longest prefix of at most `limit` bytes that does not split a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t limit);

// `text` with every byte that is not part of a valid UTF-8 sequence replaced by '?', so that it can
// go into JSON (which must be valid UTF-8).
std::string utf8_sanitized(std::string_view text);

// `text` cut to `limit` bytes (at a character boundary) with "..." when longer, and control characters
// written as \n, \r, \t or \xHH: a header name or cell may hold a quoted line break, and an error
// message must stay one line.
std::string printable_for_message(std::string_view text, std::size_t limit = 40);
// The same in double quotes.
std::string quote_for_message(std::string_view text, std::size_t limit = 40);

} // namespace lstmlab
