// Json values, typed reads with a place in every message, and the writer. The parser is in
// json_parse.cpp.
#include "engine/core/json.h"

#include "engine/core/error.h"
#include "engine/core/json_utf8.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace lstmlab {

namespace {

constexpr std::size_t describe_max_chars = 40;
// Every integer of magnitude up to 2^53 - 1 is exact in a double, and no other integer literal
// rounds into that range, so reading one back gives exactly what the text says.
constexpr double max_exact_integer = 9007199254740991.0;

// Shortest text that reads back to the same double. Integers that a double holds exactly are
// written as plain digits (3000000000, not 3e+09) so that readers such as Python's json module see
// an integer.
std::string format_number(double value)
{
    char buffer[32];
    const bool exact_integer = std::abs(value) <= max_exact_integer && value == std::floor(value);
    const auto result = exact_integer ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                                      : std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

[[noreturn]] void type_error(std::string_view where, std::string_view expected, const Json& got)
{
    throw Error(std::string(where) + ": expected " + std::string(expected) + ", got " + describe_json(got));
}

void append_escaped(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (byte < 0x20 || byte == 0x7f) {
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

bool is_scalar(const Json& value) { return !value.is_array() && !value.is_object(); }

// Writes one value; `path` holds the keys and indices leading to it, for error messages only.
class Writer {
public:
    explicit Writer(bool pretty) : m_pretty(pretty) {}

    void write(const Json& value, int depth)
    {
        switch (value.type()) {
        case Json::Type::null: m_out += "null"; break;
        case Json::Type::boolean: m_out += value.as_bool() ? "true" : "false"; break;
        case Json::Type::number: write_number(value.as_number()); break;
        case Json::Type::string: write_string(value.as_string()); break;
        case Json::Type::array: write_array(value.items(), depth); break;
        case Json::Type::object: write_object(value.members(), depth); break;
        }
    }
    std::string take() { return std::move(m_out); }

private:
    void write_number(double number)
    {
        if (!std::isfinite(number))
            fail("is " + format_number(number) + ", which JSON cannot represent");
        m_out += format_number(number);
    }
    void write_string(std::string_view text)
    {
        if (find_utf8_problem(text).has_value())
            fail("is a string that is not valid UTF-8");
        append_escaped(m_out, text);
    }
    void write_array(const Json::Array& items, int depth)
    {
        const bool inline_items = !m_pretty || std::all_of(items.begin(), items.end(), is_scalar);
        m_out += '[';
        for (std::size_t k = 0; k < items.size(); ++k) {
            if (k > 0)
                m_out += m_pretty && inline_items ? ", " : ",";
            if (!inline_items)
                newline(depth + 1);
            m_path.push_back(std::string(1, '[').append(std::to_string(k)).append(1, ']'));
            write(items[k], depth + 1);
            m_path.pop_back();
        }
        if (!inline_items && !items.empty())
            newline(depth);
        m_out += ']';
    }
    void write_object(const Json::Object& members, int depth)
    {
        m_out += '{';
        for (std::size_t k = 0; k < members.size(); ++k) {
            if (k > 0)
                m_out += ',';
            newline(depth + 1);
            m_path.push_back((m_path.empty() ? "" : ".") + members[k].key);
            if (find_utf8_problem(members[k].key).has_value())
                fail("is a key that is not valid UTF-8");
            append_escaped(m_out, members[k].key);
            m_out += m_pretty ? ": " : ":";
            write(members[k].value, depth + 1);
            m_path.pop_back();
        }
        if (!members.empty())
            newline(depth);
        m_out += '}';
    }
    void newline(int depth)
    {
        if (m_pretty) {
            m_out += '\n';
            m_out.append(static_cast<std::size_t>(depth) * 2, ' ');
        }
    }
    [[noreturn]] void fail(const std::string& what) const
    {
        std::string path;
        for (const auto& part : m_path)
            path += part;
        throw Error("to_json: the value at " + (path.empty() ? std::string("the top level") : path) + " " + what);
    }

    bool m_pretty;
    std::string m_out;
    std::vector<std::string> m_path;   // ".key" or "[3]" per level; only grows as deep as the value
};

} // namespace

Json::Json(Object members)
{
    std::unordered_set<std::string_view> seen;
    for (const auto& member : members)
        if (!seen.insert(member.key).second)
            throw Error("JSON object: duplicate key \"" + member.key + "\"");
    m_value = std::move(members);
}

bool Json::as_bool() const { return get_bool(*this, "JSON value"); }
double Json::as_number() const { return get_double(*this, "JSON value"); }
const std::string& Json::as_string() const { return get_string(*this, "JSON value"); }
const Json::Array& Json::items() const { return get_array(*this, "JSON value"); }
const Json::Object& Json::members() const { return get_object(*this, "JSON value"); }

Json::Array& Json::items()
{
    if (!is_array())
        type_error("JSON value", "an array", *this);
    return std::get<Array>(m_value);
}

std::size_t Json::size() const
{
    if (is_array())
        return std::get<Array>(m_value).size();
    if (is_object())
        return std::get<Object>(m_value).size();
    return 0;
}

const Json* Json::find(std::string_view key) const
{
    if (!is_object())
        return nullptr;
    for (const auto& member : std::get<Object>(m_value))
        if (member.key == key)
            return &member.value;
    return nullptr;
}

Json& Json::set(std::string key, Json value)
{
    if (!is_object())
        type_error("JSON value", "an object", *this);
    auto& members = std::get<Object>(m_value);
    for (auto& member : members)
        if (member.key == key)
            return member.value = std::move(value);
    members.push_back({std::move(key), std::move(value)});
    return members.back().value;
}

void Json::push_back(Json value) { items().push_back(std::move(value)); }

std::string to_json(const Json& value, bool pretty)
{
    Writer writer(pretty);
    writer.write(value, 0);
    return writer.take();
}

std::string json_member_path(std::string_view base, std::string_view key)
{
    return base.empty() ? std::string(key) : std::string(base) + "." + std::string(key);
}

std::string json_index_path(std::string_view base, std::size_t index)
{
    return std::string(base) + "[" + std::to_string(index) + "]";
}

std::string describe_json(const Json& value)
{
    switch (value.type()) {
    case Json::Type::null: return "null";
    case Json::Type::boolean: return value.as_bool() ? "true" : "false";
    case Json::Type::number: return format_number(value.as_number());
    case Json::Type::array: return "an array";
    case Json::Type::object: return "an object";
    case Json::Type::string: break;
    }
    const std::string& text = value.as_string();
    std::size_t cut = 0;
    std::size_t chars = 0;
    while (cut < text.size() && chars < describe_max_chars) {   // stop on a character boundary
        ++cut;
        while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
            ++cut;
        ++chars;
    }
    std::string out;
    append_escaped(out, std::string_view(text).substr(0, cut));
    if (cut < text.size())
        out.insert(out.size() - 1, "...");
    return out;
}

bool get_bool(const Json& value, std::string_view where)
{
    if (!value.is_bool())
        type_error(where, "true or false", value);
    return std::get<bool>(value.m_value);
}

double get_double(const Json& value, std::string_view where)
{
    if (!value.is_number())
        type_error(where, "a number", value);
    return std::get<double>(value.m_value);
}

std::int64_t get_int64(const Json& value, std::string_view where)
{
    const double number = value.is_number() ? std::get<double>(value.m_value) : 0.5;
    if (number != std::floor(number) || std::abs(number) > max_exact_integer)
        type_error(where, "an integer", value);
    return static_cast<std::int64_t>(number);
}

std::uint64_t get_uint64(const Json& value, std::string_view where)
{
    const double number = value.is_number() ? std::get<double>(value.m_value) : -1.0;
    if (number != std::floor(number) || number < 0.0 || number > max_exact_integer)
        type_error(where, "a non-negative integer", value);
    return static_cast<std::uint64_t>(number);
}

int get_int(const Json& value, std::string_view where)
{
    const double number = value.is_number() ? std::get<double>(value.m_value) : 0.5;
    if (number != std::floor(number) || number < std::numeric_limits<int>::min() ||
        number > std::numeric_limits<int>::max())
        type_error(where, "an integer", value);
    return static_cast<int>(number);
}

const std::string& get_string(const Json& value, std::string_view where)
{
    if (!value.is_string())
        type_error(where, "a string", value);
    return std::get<std::string>(value.m_value);
}

const Json::Array& get_array(const Json& value, std::string_view where)
{
    if (!value.is_array())
        type_error(where, "an array", value);
    return std::get<Json::Array>(value.m_value);
}

const Json::Object& get_object(const Json& value, std::string_view where)
{
    if (!value.is_object())
        type_error(where, "an object", value);
    return std::get<Json::Object>(value.m_value);
}

const Json& get_member(const Json& value, std::string_view key, std::string_view where)
{
    get_object(value, where);
    const Json* member = value.find(key);
    if (!member)
        throw Error(std::string(where) + ": missing key \"" + std::string(key) + "\"");
    return *member;
}

void reject_unknown_keys(const Json& value, std::initializer_list<std::string_view> known, std::string_view where)
{
    for (const auto& member : get_object(value, where)) {
        if (std::find(known.begin(), known.end(), member.key) != known.end())
            continue;
        std::string list;
        for (const auto key : known)
            list += (list.empty() ? "" : ", ") + std::string(key);
        std::string key;
        append_escaped(key, member.key);
        throw Error(std::string(where) + ": unknown key " + key + " (known keys: " + list + ")");
    }
}

Json number_or_null(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

} // namespace lstmlab
