// Frame: the columns of a loaded CSV, one value per kept row, plus the time axis.
//
// Shapes: rows() = n kept rows (after the missing-value policy). A Number column holds n doubles
// (NaN only for a missing cell under MissingPolicy::Keep or in a column the user does not use);
// a Text column holds no values (it is carried by name only: never used, never converted); the
// Time column holds its key and its original text per row (TimeAxis). lines[r] is the physical
// line of row r in the file, so later stages (transforms, pipeline) can still name file:line.
#pragma once

#include "engine/data/time_parse.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class ColumnKind { Number, Text, Time };

struct Column {
    std::string name;
    ColumnKind kind = ColumnKind::Number;
    std::vector<double> values;      // (n) for Number columns, empty otherwise
    std::size_t missing = 0;         // missing-value tokens among all data rows of the file
    std::size_t forward_filled = 0;  // cells replaced by the previous value (MissingPolicy::ForwardFill)
    // For a Text column: the first cell that is not a number and its line (why it is text).
    std::string first_text;
    std::size_t first_text_line = 0;
};

struct TimeAxis {
    int column = -1;                  // index into Frame::columns, -1 when the file has no time column
    TimeFormat format = TimeFormat::None;
    std::vector<std::int64_t> keys;   // (n) strictly increasing
    std::string label_bytes;          // every row's original text, back to back
    std::vector<std::size_t> label_ends;  // (n) end of row r's text in label_bytes

    std::string_view label(std::size_t row) const
    {
        const std::size_t begin = row == 0 ? 0 : label_ends[row - 1];
        return std::string_view(label_bytes).substr(begin, label_ends[row] - begin);
    }
};

struct Frame {
    std::string path;                 // as given to the loader; used in messages
    std::vector<Column> columns;      // in header order
    TimeAxis time;
    std::vector<std::size_t> lines;   // (n) physical line of each row

    std::size_t rows() const { return lines.size(); }
    // Index of the column called `name`, or -1.
    int find(std::string_view name) const;
    // The Number column called `name`; throws Error naming the file and the available columns.
    const Column& numeric_column(std::string_view name) const;
    // "file:line (column \"Close\")" for row r of column `name`, for error messages of later stages.
    std::string where(std::size_t row, std::string_view name) const;
    // Time label of row r, or its 1-based row number when there is no time column.
    std::string row_label(std::size_t row) const;
};

// Rows first .. end - 1 of `frame` as a frame of their own (values, times, labels and lines), for
// computations that must not see the other rows (walk-forward folds). Requires first <= end <= rows().
Frame frame_rows(const Frame& frame, std::size_t first, std::size_t end);

} // namespace lstmlab
