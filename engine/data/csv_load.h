// load_csv: reads a whole CSV into a Frame, strictly, with a report of everything it did.
//
// Contract (docs/reliability.md R7, R8): the result holds exactly the file's data rows, minus the rows the
// missing-value policy dropped, and the report says how many and why; anything else is an Error
// whose one sentence is `file:line:column (column "Close"): reason`, with the physical line even
// after quoted line breaks. Checked, in file order:
//   - the header: no empty or duplicate names; at least one data row;
//   - every row has as many fields as the header;
//   - the time column (detected or named): every cell parses in the column's format and the keys
//     increase strictly (an earlier or repeated time names both lines);
//   - used columns (LoadOptions::used_columns): every cell is a number or a missing-value token;
//     missing values follow LoadOptions::missing. Columns that are not used are Number while every
//     cell parses and become Text (carried by name, never an error) at the first cell that does not.
// An empty used_columns list uses no column: every numeric-looking column is loaded, none is strict.
//
// Import options (CsvOptions, csv_options.h) decide the delimiter, decimal and thousands separators,
// the time column and its syntax, repeated times and the encoding; each `auto` is settled from the
// first 1000 data rows (csv_detect.cpp) and the report lists what was inferred (LoadReport::notes)
// with the settled options (LoadReport::effective: passed back, they read the file the same way).
// Beyond the strict reading above: an unnamed first column holding 0..n-1 or 1..n (a pandas or R
// row index) is ignored; another unnamed column is called column_K; a trailing empty column (every
// row ends with a delimiter) is ignored; a newest-first file is reversed; an integer column is the
// time axis only when strictly increasing (else the rows are numbered, with a note). Every refusal
// that an option resolves ends with it ("...; add --decimal ,").
#pragma once

#include "engine/core/setting_error.h"
#include "engine/data/csv_options.h"
#include "engine/data/csv_tokenizer.h"
#include "engine/data/frame.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class MissingPolicy {
    Error,        // default: the first missing value in a used column is an error naming it
    Drop,         // drop every row with a missing value in a used column (or the time column)
    ForwardFill,  // repeat the previous row's value; a missing value in the first row is an error
    Keep,         // store NaN (inspection only: the pipeline refuses NaN in a used column)
};

// "error", "drop", "ffill", "keep"
std::string_view missing_policy_name(MissingPolicy policy);
// Inverse of missing_policy_name; throws Error naming `option` (e.g. "--missing") when unknown.
MissingPolicy parse_missing_policy(std::string_view text, std::string_view option = "--missing");

struct LoadOptions {
    std::vector<std::string> used_columns;   // must exist and be numeric; may repeat
    MissingPolicy missing = MissingPolicy::Error;
    CsvOptions csv;                          // delimiter, separators, time column (nullopt: detect; "": none)
    CsvLimits limits;
    CsvProgress progress;                    // per 1 MiB chunk; return false to cancel (throws Cancelled)
};

struct LoadReport {
    std::string path;
    std::uint64_t bytes = 0;
    char delimiter = ',';
    bool utf8_bom = false;
    LineEndingCounts line_endings;
    std::size_t header_line = 1;
    std::size_t rows_in_file = 0;        // data records read (blank lines excluded)
    std::size_t rows_kept = 0;           // = Frame::rows()
    std::size_t rows_dropped = 0;        // by MissingPolicy::Drop
    std::size_t first_dropped_line = 0;  // 0 when none
    std::size_t blank_lines = 0;
    MissingPolicy missing = MissingPolicy::Error;
    std::size_t rows_merged = 0;         // rows folded into a row with the same time (CsvOptions::duplicates)
    bool reversed = false;               // the file was newest first
    CsvOptions effective;                // the options with every `auto` settled
    std::vector<std::string> notes;      // what was inferred, one sentence each (the CLI's wording)
    std::vector<std::vector<SettingPiece>> note_pieces;  // the same notes, settings left for a front end to word

    // One sentence: "Read 5550 rows from ohlcv.csv; kept 5548, dropped 2 with missing values (first on line 17)."
    std::string summary() const;
};

struct LoadResult {
    Frame frame;
    LoadReport report;
};

LoadResult load_csv(const std::string& path, const LoadOptions& options = {});

} // namespace lstmlab
