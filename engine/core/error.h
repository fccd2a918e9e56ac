// Error: the one exception type the engine throws.
//
// Every message is one sentence a user can act on: it names the file, line and column, the option
// or the tensor that is wrong, and why ("ohlcv.csv:12:5 (column \"Close\"): \"abc\" is not a number").
// The apps print `what()` as is; nothing else needs to be added.
//
// Messages quote what the input holds (file, column and key names, cells); any of it may contain a
// control character (a quoted line break in a CSV header, "\n" in a JSON key, found by fuzzing).
// The constructor writes those as \n, \r, \t or \xHH, so every message is ONE line.
#pragma once

#include "engine/core/float_checks.h"   // refuses -ffast-math; runs the IEEE self-test at startup

#include <stdexcept>
#include <string>
#include <system_error>

namespace lstmlab {

// The system's sentence for an errno value: "No space left on device".
inline std::string errno_text(int error) { return std::system_category().message(error); }

// `text` with every control character (bytes 0x00-0x1F and 0x7F) escaped.
inline std::string one_line_message(const std::string& text)
{
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (byte < 0x20 || byte == 0x7F)
            out.append("\\x").append(1, hex[byte >> 4]).append(1, hex[byte & 15]);
        else
            out += c;
    }
    return out;
}

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(one_line_message(message)) {}
};

// Thrown when a caller's progress callback asks to stop a long operation (loading, training).
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled by the user") {}
};

} // namespace lstmlab
