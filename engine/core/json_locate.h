// Where a value sits in a JSON text: line and column of the value at a key path, so that errors found
// after parsing (a value out of range, a wrong type) can point into the file like syntax errors do:
//   grid.json:7:14: grid.dropout[2]: 1.5 is outside [0, 0.99]
// The path uses json_member_path / json_index_path's form: "grid.dropout[2]", "fixed.lr".
// Keys containing '.' or '[' cannot be addressed; such paths return nothing.
#pragma once

#include <optional>
#include <string_view>

namespace lstmlab {

struct TextPosition {
    int line = 1;     // 1-based
    int column = 1;   // 1-based, in Unicode characters like parse_json's messages
};

// The position of the first character of the value at `path` in `text`, which must be valid JSON
// (parse it first). nullopt when the path does not lead to a value.
std::optional<TextPosition> locate_json_path(std::string_view text, std::string_view path);

} // namespace lstmlab
