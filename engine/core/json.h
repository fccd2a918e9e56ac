// Json: a small DOM for RFC 8259 JSON, with strict parsing and exact number output.
//
// A value is null, a boolean, a number (double), a string (UTF-8), an array, or an object whose
// members KEEP the order in which they were read or added (configs and checkpoint headers are shown
// to people; a reordered file is harder to diff). Member lookup is linear: objects here are small
// (use a map beside the Json when a file has thousands of keys).
//
// parse_json() accepts exactly RFC 8259 (plus one leading UTF-8 byte order mark, which it skips) and
// reports the first problem as ONE sentence `source:line:column: reason` (1-based; columns count
// Unicode characters, so they match an editor's). It rejects what other parsers let through:
// duplicate keys (naming the line of the first one), trailing commas, leading zeros, numbers beyond
// the double range, invalid UTF-8 (overlongs, surrogates, code points past U+10FFFF), unescaped
// control characters, unpaired \u surrogates, nesting deeper than 64, and text after the value.
// Numbers below the smallest subnormal round to a signed zero, as IEEE parsing does.
//
// to_json() writes numbers in the shortest form that reads back to the same double (std::to_chars),
// so parse_json(to_json(v)) == v; integers up to 2^53 come out as plain digits (64, 3000000000: no
// ".0", no exponent, so Python reads an int). NaN, infinities and strings that are not valid UTF-8
// are errors naming their path (JSON cannot hold them).
//
// The get_* helpers read a value that must have a type and say where it was in the message:
// get_int(value, "model.hidden[1]") throws `model.hidden[1]: expected an integer, got "x"`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace lstmlab {

struct JsonMember;

class Json {
public:
    enum class Type { null, boolean, number, string, array, object };
    using Array = std::vector<Json>;
    using Object = std::vector<JsonMember>;   // in insertion order, keys unique

    // Defined below JsonMember: clang instantiates the variant's members here, and they need the
    // complete JsonMember (GCC defers that).
    Json();   // null
    Json(std::nullptr_t);
    Json(bool value);
    template <typename Number>
        requires(std::is_arithmetic_v<Number> && !std::is_same_v<Number, bool>)
    Json(Number value);
    Json(const char* text);
    Json(std::string_view text);
    Json(std::string text);
    Json(Array items);
    Json(Object members);   // throws Error on a duplicate key

    static Json array();
    static Json object();

    Type type() const { return static_cast<Type>(m_value.index()); }
    bool is_null() const { return type() == Type::null; }
    bool is_bool() const { return type() == Type::boolean; }
    bool is_number() const { return type() == Type::number; }
    bool is_string() const { return type() == Type::string; }
    bool is_array() const { return type() == Type::array; }
    bool is_object() const { return type() == Type::object; }

    // Typed access; each throws Error ("JSON value: expected a number, got "x"") on the wrong type.
    // Use the get_* helpers below to name the value's place in the message.
    bool as_bool() const;
    double as_number() const;
    const std::string& as_string() const;
    const Array& items() const;
    Array& items();
    const Object& members() const;

    // Array and object size; 0 for anything else.
    std::size_t size() const;
    // The member called `key`, or nullptr when absent or when this is not an object.
    const Json* find(std::string_view key) const;
    // Object: replaces the value of `key` or appends it at the end. Throws Error on a non-object.
    Json& set(std::string key, Json value);
    // Array: appends. Throws Error on a non-array.
    void push_back(Json value);

    bool operator==(const Json& other) const;

private:
    friend bool get_bool(const Json&, std::string_view);
    friend double get_double(const Json&, std::string_view);
    friend int get_int(const Json&, std::string_view);
    friend std::int64_t get_int64(const Json&, std::string_view);
    friend std::uint64_t get_uint64(const Json&, std::string_view);
    friend const std::string& get_string(const Json&, std::string_view);
    friend const Array& get_array(const Json&, std::string_view);
    friend const Object& get_object(const Json&, std::string_view);

    // Alternatives in the order of Type, so index() is the type.
    std::variant<std::monostate, bool, double, std::string, Array, Object> m_value;
};

struct JsonMember {
    std::string key;
    Json value;
    bool operator==(const JsonMember& other) const = default;
};

inline Json::Json() = default;
inline Json::Json(std::nullptr_t) {}
inline Json::Json(bool value) : m_value(value) {}
template <typename Number>
    requires(std::is_arithmetic_v<Number> && !std::is_same_v<Number, bool>)
inline Json::Json(Number value) : m_value(static_cast<double>(value))
{
}
inline Json::Json(const char* text) : m_value(std::string(text)) {}
inline Json::Json(std::string_view text) : m_value(std::string(text)) {}
inline Json::Json(std::string text) : m_value(std::move(text)) {}
inline Json::Json(Array items) : m_value(std::move(items)) {}
inline Json Json::array() { return Json(Array{}); }
inline Json Json::object() { return Json(Object{}); }
inline bool Json::operator==(const Json& other) const { return m_value == other.m_value; }

// A finite number, or null for NaN and infinities (which JSON cannot hold): "not measured" in reports.
Json number_or_null(double value);

// Parses a whole document; `source_name` (a file name, or e.g. "--grid") starts every message.
Json parse_json(std::string_view text, std::string_view source_name);

// Compact (`{"a":[1,2]}`) or pretty (two-space indent; arrays of scalars stay on one line).
std::string to_json(const Json& value, bool pretty = false);

// Paths for messages: json_member_path("model", "hidden") == "model.hidden";
// json_index_path("model.hidden", 1) == "model.hidden[1]"; an empty base gives the bare key.
std::string json_member_path(std::string_view base, std::string_view key);
std::string json_index_path(std::string_view base, std::size_t index);

// A short description of a value for messages: "x" quoted and escaped (cut after 40 characters),
// 1.5, true, null, an array, an object.
std::string describe_json(const Json& value);

// Typed reads; every error is `where: expected <kind>, got <description>`.
bool get_bool(const Json& value, std::string_view where);
double get_double(const Json& value, std::string_view where);
// An integral number in int's range.
int get_int(const Json& value, std::string_view where);
// An integral number with |v| <= 2^53 - 1, the range where a double holds every integer exactly.
std::int64_t get_int64(const Json& value, std::string_view where);
// An integral number in 0 .. 2^53 - 1 (sizes, counts, offsets).
std::uint64_t get_uint64(const Json& value, std::string_view where);
const std::string& get_string(const Json& value, std::string_view where);
const Json::Array& get_array(const Json& value, std::string_view where);
const Json::Object& get_object(const Json& value, std::string_view where);

// The member `key` of the object `value`, which must exist: `where: missing key "key"`.
const Json& get_member(const Json& value, std::string_view key, std::string_view where);
// Throws `where: unknown key "colour" (known keys: cell, hidden, ...)` for the first member of the
// object `value` whose key is not in `known`.
void reject_unknown_keys(const Json& value, std::initializer_list<std::string_view> known, std::string_view where);

} // namespace lstmlab
