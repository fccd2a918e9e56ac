// UTF-8 validation shared by the JSON parser and writer (and any reader of untrusted text).
//
// Well-formed UTF-8 is exactly Unicode's Table 3-7: U+0000..U+007F in one byte, then two to four
// bytes with the first byte in C2..F4 and continuation bytes 80..BF, except that E0 needs A0..BF
// next (no overlongs), ED needs 80..9F (no UTF-16 surrogates D800..DFFF), F0 needs 90..BF (no
// overlongs) and F4 needs 80..8F (nothing above U+10FFFF). C0, C1 and F5..FF never appear.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lstmlab {

struct Utf8Problem {
    std::size_t offset = 0;   // byte offset of the first byte of the bad sequence
    std::string reason;       // e.g. "invalid UTF-8: overlong encoding"
};

// The first ill-formed sequence in `text`, or nothing when all of it is well-formed UTF-8.
std::optional<Utf8Problem> find_utf8_problem(std::string_view text);

// Appends the UTF-8 encoding of a Unicode scalar value (not a surrogate, at most U+10FFFF).
void append_utf8(std::string& out, char32_t code_point);

// Decodes the (well-formed) sequence starting at `offset`; returns the code point and advances.
char32_t decode_utf8(std::string_view text, std::size_t& offset);

} // namespace lstmlab
