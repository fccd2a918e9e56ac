// Cell parsing: numbers and missing-value tokens, independent of the system locale.
//
// A number is what std::from_chars (chars_format::general) accepts -- "12", "-0.5", "1e-3", "3.18" --
// with an optional leading '+' and surrounding spaces or tabs; the decimal separator is always '.',
// whatever LC_NUMERIC or the global std::locale say. Missing values are the tokens "", "NA", "NaN",
// "null" and "N/A" (any letter case, surrounding spaces ignored).
#pragma once

#include <string>
#include <string_view>

namespace lstmlab {

enum class CellStatus {
    Number,      // value holds the parsed number
    Missing,     // a missing-value token
    NotNumber,   // anything else: "abc", "1,5", "12 kg"
    OutOfRange,  // "1e400", "1e-400": outside the range of a double
    NotFinite,   // "inf", "infinity"
};

struct ParsedCell {
    CellStatus status = CellStatus::NotNumber;
    double value = 0.0;
};

// Strips ASCII spaces and tabs from both ends.
std::string_view trim_blanks(std::string_view text);

bool is_missing_token(std::string_view text);

ParsedCell parse_number_cell(std::string_view text);

// Why a cell is not a usable number, as the tail of an error sentence:
// "\"abc\" is not a number." (the text is quoted and shortened to 40 bytes).
std::string describe_bad_number(std::string_view text, CellStatus status, char delimiter);

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
