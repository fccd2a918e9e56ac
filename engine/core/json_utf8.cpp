#include "engine/core/json_utf8.h"

#include <cstdint>
#include <cstdio>

namespace lstmlab {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xc0) == 0x80; }

std::string hex_byte(unsigned char byte)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
    return buffer;
}

} // namespace

std::optional<Utf8Problem> find_utf8_problem(std::string_view text)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t k = 0;
    while (k < size) {
        const unsigned char lead = bytes[k];
        if (lead < 0x80) {
            ++k;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;    // allowed range of the second byte (Table 3-7)
        unsigned char high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            low = lead == 0xe0 ? 0xa0 : 0x80;
            high = lead == 0xed ? 0x9f : 0xbf;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            low = lead == 0xf0 ? 0x90 : 0x80;
            high = lead == 0xf4 ? 0x8f : 0xbf;
        } else if (is_continuation(lead)) {
            return Utf8Problem{k, "invalid UTF-8: continuation byte " + hex_byte(lead) + " without a lead byte"};
        } else if (lead == 0xc0 || lead == 0xc1) {
            return Utf8Problem{k, "invalid UTF-8: overlong encoding (byte " + hex_byte(lead) + ")"};
        } else {
            return Utf8Problem{k, "invalid UTF-8: byte " + hex_byte(lead) + " never appears in UTF-8"};
        }
        if (k + 1 >= size || !is_continuation(bytes[k + 1]))
            return Utf8Problem{k, "invalid UTF-8: truncated sequence"};
        const unsigned char second = bytes[k + 1];
        if (second < low) {
            return Utf8Problem{k, lead == 0xe0 || lead == 0xf0 ? "invalid UTF-8: overlong encoding"
                                                                : "invalid UTF-8: truncated sequence"};
        }
        if (second > high) {
            return Utf8Problem{k, lead == 0xed ? "invalid UTF-8: encoded UTF-16 surrogate"
                                               : "invalid UTF-8: code point above U+10FFFF"};
        }
        for (std::size_t j = 2; j < length; ++j)
            if (k + j >= size || !is_continuation(bytes[k + j]))
                return Utf8Problem{k, "invalid UTF-8: truncated sequence"};
        k += length;
    }
    return std::nullopt;
}

void append_utf8(std::string& out, char32_t code_point)
{
    const auto c = static_cast<std::uint32_t>(code_point);
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xc0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xe0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    }
}

char32_t decode_utf8(std::string_view text, std::size_t& offset)
{
    const auto lead = static_cast<unsigned char>(text[offset++]);
    if (lead < 0x80)
        return lead;
    const int length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    std::uint32_t c = lead & (0x7f >> length);
    for (int j = 1; j < length && offset < text.size(); ++j)
        c = (c << 6) | (static_cast<unsigned char>(text[offset++]) & 0x3f);
    return static_cast<char32_t>(c);
}

} // namespace lstmlab
