#include "engine/data/frame.h"

#include "engine/core/error.h"
#include "engine/data/cell_parse.h"

namespace lstmlab {

int Frame::find(std::string_view name) const
{
    for (std::size_t k = 0; k < columns.size(); ++k)
        if (columns[k].name == name)
            return int(k);
    return -1;
}

const Column& Frame::numeric_column(std::string_view name) const
{
    const int index = find(name);
    if (index < 0) {
        std::string names;
        for (const auto& column : columns)
            names += (names.empty() ? "" : ", ") + printable_for_message(column.name);
        throw Error(path + ": there is no column " + quote_for_message(name) + "; the columns are " + names + ".");
    }
    const Column& column = columns[std::size_t(index)];
    if (column.kind == ColumnKind::Text)
        throw Error(path + ":" + std::to_string(column.first_text_line) + " (column " + quote_for_message(column.name)
                    + "): the column is not numeric (" + quote_for_message(column.first_text) + " is not a number).");
    if (column.kind == ColumnKind::Time)
        throw Error(path + " (column " + quote_for_message(column.name) + "): this is the time column; it cannot be used as a number.");
    return column;
}

std::string Frame::where(std::size_t row, std::string_view name) const
{
    const std::size_t line = row < lines.size() ? lines[row] : 0;
    return path + ":" + std::to_string(line) + " (column " + quote_for_message(name) + ")";
}

std::string Frame::row_label(std::size_t row) const
{
    if (time.column >= 0)
        return std::string(time.label(row));
    return std::to_string(row + 1);
}

} // namespace lstmlab
