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

Frame frame_rows(const Frame& frame, std::size_t first, std::size_t end)
{
    if (first > end || end > frame.rows())
        throw Error("internal: rows " + std::to_string(first) + " .. " + std::to_string(end) + " of " +
                    std::to_string(frame.rows()));
    Frame part;
    part.path = frame.path;
    part.columns = frame.columns;
    for (Column& column : part.columns)
        if (!column.values.empty())
            column.values.assign(column.values.begin() + std::ptrdiff_t(first), column.values.begin() + std::ptrdiff_t(end));
    part.time.column = frame.time.column;
    part.time.format = frame.time.format;
    if (!frame.time.keys.empty()) {
        part.time.keys.assign(frame.time.keys.begin() + std::ptrdiff_t(first), frame.time.keys.begin() + std::ptrdiff_t(end));
        const std::size_t begin_byte = first == 0 ? 0 : frame.time.label_ends[first - 1];
        const std::size_t end_byte = end == 0 ? 0 : frame.time.label_ends[end - 1];
        part.time.label_bytes = frame.time.label_bytes.substr(begin_byte, end_byte - begin_byte);
        for (std::size_t r = first; r < end; ++r)
            part.time.label_ends.push_back(frame.time.label_ends[r] - begin_byte);
    }
    part.lines.assign(frame.lines.begin() + std::ptrdiff_t(first), frame.lines.begin() + std::ptrdiff_t(end));
    return part;
}

} // namespace lstmlab
