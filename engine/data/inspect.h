// inspect: what `lstmlab-cli inspect --data FILE.csv` shows -- columns, detected types, missing
// counts, min / max / mean, the time range and the row count -- as aligned text or as JSON.
//
// The file is loaded with no used column and MissingPolicy::Keep, so inspection never fails on
// missing values or text cells (it reports them); structural problems (ragged rows, bad quoting,
// unsorted times, ...) are the same Errors as load_csv's. Statistics skip missing values.
#pragma once

#include "engine/data/csv_load.h"

#include <limits>
#include <string>
#include <vector>

namespace lstmlab {

struct ColumnSummary {
    std::string name;
    ColumnKind kind = ColumnKind::Number;
    std::size_t count = 0;                 // non-missing values
    std::size_t missing = 0;
    double min = std::numeric_limits<double>::quiet_NaN();   // NaN when count == 0 or not a number
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    std::string first_text;                // Text: the first cell that is not a number ...
    std::size_t first_text_line = 0;       // ... and its line
};

struct InspectReport {
    LoadReport load;
    std::string sha256;                    // of the file's bytes
    std::vector<ColumnSummary> columns;    // header order
    std::size_t rows = 0;
    std::string time_column;               // empty when none was detected
    TimeFormat time_format = TimeFormat::None;
    std::string first_time;                // labels of the first and last rows
    std::string last_time;
};

// `csv`: the import options (auto by default); the report's load.effective and load.notes say what they settled.
InspectReport inspect_csv(const std::string& path, const CsvProgress& progress = {}, const CsvOptions& csv = {});
// The summary of an already loaded file (sha256 left empty).
InspectReport summarize_load(const LoadResult& loaded);

// "number", "text", "time (YYYY-MM-DD)"
std::string column_type_name(const ColumnSummary& column, TimeFormat time_format);

// A header block (with the import options as the flags that reproduce them, and what was inferred)
// and one aligned row per column, for a terminal.
std::string render_inspect_text(const InspectReport& report);
// Pretty JSON (engine/core/json.h); NaN statistics are null.
std::string render_inspect_json(const InspectReport& report);

} // namespace lstmlab
