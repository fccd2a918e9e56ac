// parse_json: a recursive-descent RFC 8259 parser that reports the first problem with its place.
//
// The text is checked for well-formed UTF-8 first, so the grammar below only ever sees valid
// characters and every position can be turned into a line and a character column. Positions are
// kept as byte offsets while parsing; line and column are computed only for the error message.
#include "engine/core/json.h"

#include "engine/core/ascii.h"
#include "engine/core/error.h"
#include "engine/core/json_utf8.h"

#include <charconv>
#include <cstdio>
#include <unordered_map>

namespace lstmlab {

namespace {

constexpr int max_depth = 64;
constexpr std::size_t max_shown_token = 40;
constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

bool is_word_char(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

class Parser {
public:
    Parser(std::string_view text, std::string_view source) : m_text(text), m_source(source)
    {
        if (m_text.starts_with(byte_order_mark))
            m_start = m_pos = byte_order_mark.size();
    }

    Json parse_document()
    {
        if (const auto problem = find_utf8_problem(m_text))
            fail_at(problem->offset, problem->reason);
        skip_whitespace();
        if (at_end())
            fail("empty input, expected a JSON value");
        Json value = parse_value(0);
        skip_whitespace();
        if (!at_end())
            fail("unexpected " + describe_here() + " after the end of the JSON value");
        return value;
    }

private:
    struct Place {
        std::size_t line = 1;
        std::size_t column = 1;
    };

    Place place_of(std::size_t offset) const
    {
        Place place;
        for (std::size_t k = m_start; k < offset && k < m_text.size(); ++k) {
            const auto byte = static_cast<unsigned char>(m_text[k]);
            if (byte == '\n') {
                ++place.line;
                place.column = 1;
            } else if ((byte & 0xc0) != 0x80) {   // count characters, not continuation bytes
                ++place.column;
            }
        }
        return place;
    }

    [[noreturn]] void fail_at(std::size_t offset, const std::string& reason) const
    {
        const Place place = place_of(offset);
        throw Error(std::string(m_source) + ":" + std::to_string(place.line) + ":" + std::to_string(place.column) +
                    ": " + reason);
    }
    [[noreturn]] void fail(const std::string& reason) const { fail_at(m_pos, reason); }

    bool at_end() const { return m_pos >= m_text.size(); }
    char peek() const { return at_end() ? '\0' : m_text[m_pos]; }

    // 'x' for printable ASCII, U+00E9 for anything else, "end of input" past the end.
    std::string describe_at(std::size_t offset) const
    {
        if (offset >= m_text.size())
            return "end of input";
        const char c = m_text[offset];
        if (c > 0x20 && c < 0x7f)
            return std::string("'") + c + "'";
        std::size_t next = offset;
        const char32_t code_point = decode_utf8(m_text, next);
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
        return buffer;
    }
    std::string describe_here() const { return describe_at(m_pos); }

    void skip_whitespace()
    {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    Json parse_value(int depth)
    {
        const char c = peek();
        if (c == '{' || c == '[') {
            if (depth >= max_depth)
                fail("nesting deeper than " + std::to_string(max_depth) + " levels");
            return c == '{' ? parse_object(depth + 1) : parse_array(depth + 1);
        }
        if (c == '"')
            return Json(parse_string());
        if (c == '-' || is_digit(c))
            return parse_number();
        if (is_word_char(c))
            return parse_literal();
        if (at_end())
            fail("unexpected end of input, expected a JSON value");
        fail("expected a JSON value, got " + describe_here());
    }

    Json parse_literal()
    {
        const std::size_t begin = m_pos;
        while (!at_end() && is_word_char(peek()))
            ++m_pos;
        const std::string_view word = m_text.substr(begin, m_pos - begin);
        if (word == "true")
            return Json(true);
        if (word == "false")
            return Json(false);
        if (word == "null")
            return Json(nullptr);
        fail_at(begin, "invalid literal \"" + std::string(word.substr(0, max_shown_token)) +
                           "\" (expected a value: true, false, null, a number, a string, an array or an object)");
    }

    Json parse_number()
    {
        const std::size_t begin = m_pos;
        std::size_t end = m_pos;   // the number-like run, shown in messages
        while (end < m_text.size() && (is_word_char(m_text[end]) || m_text[end] == '.' || m_text[end] == '+' ||
                                       m_text[end] == '-'))
            ++end;
        const std::string shown =
            std::string(1, '"').append(m_text.substr(begin, std::min(end - begin, max_shown_token))).append(1, '"');
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
            if (is_digit(peek()))
                fail_at(begin, "number " + shown + " has a leading zero");
        } else if (is_digit(peek())) {
            while (is_digit(peek()))
                ++m_pos;
        } else {
            fail_at(begin, "invalid number " + shown + ": a digit must follow '-'");
        }
        if (peek() == '.') {
            ++m_pos;
            if (!is_digit(peek()))
                fail_at(begin, "invalid number " + shown + ": a digit must follow '.'");
            while (is_digit(peek()))
                ++m_pos;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!is_digit(peek()))
                fail_at(begin, "invalid number " + shown + ": the exponent needs digits");
            while (is_digit(peek()))
                ++m_pos;
        }
        const std::string_view token = m_text.substr(begin, m_pos - begin);
        double value = 0.0;
        const auto result = std::from_chars(token.data(), token.data() + token.size(), value);
        if (result.ec == std::errc::result_out_of_range) {
            if (overflows(token))
                fail_at(begin, "number " + shown + " is out of the range of a double");
            value = token.front() == '-' ? -0.0 : 0.0;   // below the smallest subnormal
        }
        return Json(value);
    }

    // For a syntactically valid number that from_chars could not represent: too large (true) or
    // too small (false)? Compares the decimal exponent of the first significant digit with 0.
    static bool overflows(std::string_view token)
    {
        const std::size_t e = token.find_first_of("eE");
        const std::string_view mantissa = token.substr(0, e);
        long long exponent = 0;
        if (e != std::string_view::npos) {
            std::string_view digits = token.substr(e + 1);
            const bool negative = digits.front() == '-';
            if (digits.front() == '+' || digits.front() == '-')
                digits.remove_prefix(1);
            for (const char c : digits)
                exponent = std::min(exponent * 10 + (c - '0'), 1000000000LL);   // saturate: sign is all we need
            if (negative)
                exponent = -exponent;
        }
        const std::size_t dot = mantissa.find('.');
        const std::size_t first = mantissa.find_first_of("123456789");
        if (first == std::string_view::npos)
            return false;   // zero never overflows
        const std::size_t integer_end = dot == std::string_view::npos ? mantissa.size() : dot;
        const long long position = first < integer_end ? static_cast<long long>(integer_end - first) - 1
                                                       : -static_cast<long long>(first - integer_end);
        return position + exponent > 0;
    }

    std::string parse_string()
    {
        const std::size_t open = m_pos++;
        std::string out;
        while (true) {
            if (at_end())
                fail_at(open, "unterminated string");
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (c == '\n' || c == '\r')
                fail("unescaped line break in a string (is a closing quote missing?)");
            if (static_cast<unsigned char>(c) < 0x20)
                fail("unescaped control character " + describe_here() + " in a string");
            if (c == '\\') {
                parse_escape(out);
                continue;
            }
            out += c;
            ++m_pos;
        }
    }

    void parse_escape(std::string& out)
    {
        const std::size_t backslash = m_pos++;
        if (at_end())
            fail_at(backslash, "unterminated string");
        const char c = m_text[m_pos++];
        switch (c) {
        case '"': out += '"'; return;
        case '\\': out += '\\'; return;
        case '/': out += '/'; return;
        case 'b': out += '\b'; return;
        case 'f': out += '\f'; return;
        case 'n': out += '\n'; return;
        case 'r': out += '\r'; return;
        case 't': out += '\t'; return;
        case 'u': break;
        default:
            fail_at(backslash, "invalid escape '\\' followed by " + describe_at(m_pos - 1) +
                                   " in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
        const char32_t unit = parse_hex4(backslash);
        if (unit >= 0xdc00 && unit <= 0xdfff)
            fail_at(backslash, "unpaired UTF-16 surrogate " + escape_text(backslash) + " in a string");
        if (unit < 0xd800 || unit > 0xdbff) {
            append_utf8(out, unit);
            return;
        }
        // A high surrogate must be followed by an escaped low one; together they are one character.
        if (m_text.substr(m_pos, 2) != "\\u")
            fail_at(backslash, "unpaired UTF-16 surrogate " + escape_text(backslash) + " in a string");
        const std::size_t second = m_pos;
        m_pos += 2;
        const char32_t low = parse_hex4(second);
        if (low < 0xdc00 || low > 0xdfff)
            fail_at(backslash, "unpaired UTF-16 surrogate " + escape_text(backslash) + " in a string");
        append_utf8(out, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
    }

    std::string escape_text(std::size_t backslash) const { return std::string(m_text.substr(backslash, 6)); }

    // The four hex digits after "\u" (m_pos is on the first one).
    char32_t parse_hex4(std::size_t backslash)
    {
        char32_t value = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = peek();
            int digit = -1;
            if (is_digit(c))
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            if (digit < 0)
                fail_at(backslash, "invalid \\u escape: expected 4 hex digits, got " + describe_here());
            value = value * 16 + static_cast<char32_t>(digit);
            ++m_pos;
        }
        return value;
    }

    Json parse_array(int depth)
    {
        const std::size_t open = m_pos++;
        Json::Array items;
        skip_whitespace();
        if (peek() == ']') {
            ++m_pos;
            return Json(std::move(items));
        }
        while (true) {
            items.push_back(parse_value(depth));
            skip_whitespace();
            if (peek() == ']') {
                ++m_pos;
                return Json(std::move(items));
            }
            if (peek() != ',')
                fail_unclosed(open, "array", "']'");
            const std::size_t comma = m_pos++;
            skip_whitespace();
            if (peek() == ']')
                fail_at(comma, "trailing comma before ']'");
        }
    }

    Json parse_object(int depth)
    {
        const std::size_t open = m_pos++;
        Json::Object members;
        std::unordered_map<std::string, std::size_t> first_offset;   // key -> byte offset of its quote
        skip_whitespace();
        if (peek() == '}') {
            ++m_pos;
            return Json(std::move(members));
        }
        while (true) {
            if (peek() != '"') {
                if (at_end())
                    fail_unclosed(open, "object", "'}'");
                fail("expected a string key, got " + describe_here());
            }
            const std::size_t key_offset = m_pos;
            std::string key = parse_string();
            const auto [seen, inserted] = first_offset.emplace(key, key_offset);
            if (!inserted) {
                const Place first = place_of(seen->second);
                fail_at(key_offset, "duplicate key " + describe_json(Json(key)) + " (first defined at line " +
                                        std::to_string(first.line) + ", column " + std::to_string(first.column) +
                                        ")");
            }
            skip_whitespace();
            if (peek() != ':')
                fail("expected ':' after the key " + describe_json(Json(key)) + ", got " + describe_here());
            ++m_pos;
            skip_whitespace();
            Json value = parse_value(depth);
            members.push_back({std::move(key), std::move(value)});
            skip_whitespace();
            if (peek() == '}') {
                ++m_pos;
                return Json(std::move(members));
            }
            if (peek() != ',')
                fail_unclosed(open, "object", "'}'");
            const std::size_t comma = m_pos++;
            skip_whitespace();
            if (peek() == '}')
                fail_at(comma, "trailing comma before '}'");
        }
    }

    [[noreturn]] void fail_unclosed(std::size_t open, const char* what, const char* closer) const
    {
        if (at_end()) {
            const Place place = place_of(open);
            fail(std::string("unexpected end of input: the ") + what + " opened at line " + std::to_string(place.line) +
                 ", column " + std::to_string(place.column) + " is not closed");
        }
        fail(std::string("expected ',' or ") + closer + " in an " + what + ", got " + describe_here());
    }

    std::string_view m_text;
    std::string_view m_source;
    std::size_t m_start = 0;   // after a byte order mark, where line 1, column 1 is
    std::size_t m_pos = 0;
};

} // namespace

Json parse_json(std::string_view text, std::string_view source_name)
{
    return Parser(text, source_name).parse_document();
}

} // namespace lstmlab
