// Plain-text tables for the CLI: the first column left-aligned, the others right-aligned, two spaces
// between columns, one line per row.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace lstmlab {

inline std::string aligned_table(const std::vector<std::vector<std::string>>& rows)
{
    if (rows.empty())
        return {};
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size() && k < widths.size(); ++k)
            widths[k] = std::max(widths[k], row[k].size());
    std::string text;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t k = 0; k < row.size() && k < widths.size(); ++k) {
            const std::string pad(widths[k] - row[k].size(), ' ');
            line += k == 0 ? row[k] + pad : "  " + pad + row[k];
        }
        text += line + "\n";
    }
    return text;
}

} // namespace lstmlab
