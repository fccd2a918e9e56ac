#include "engine/data/inspect.h"

#include "engine/core/json.h"
#include "engine/core/sha256.h"
#include "engine/data/cell_parse.h"
#include "engine/data/time_syntax.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace lstmlab {
namespace {

// Six significant digits, locale-independent ("1870906", "3.08", "2.45e-05"); "-" for NaN.
std::string short_number(double value)
{
    if (std::isnan(value))
        return "-";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 6);
    return std::string(buffer, result.ptr);
}

std::string kind_word(ColumnKind kind)
{
    switch (kind) {
    case ColumnKind::Number: return "number";
    case ColumnKind::Text: return "text";
    case ColumnKind::Time: return "time";
    }
    return "text";
}

std::string line_endings_text(const LineEndingCounts& counts)
{
    std::vector<std::string> parts;
    if (counts.lf)
        parts.push_back(std::to_string(counts.lf) + " LF");
    if (counts.crlf)
        parts.push_back(std::to_string(counts.crlf) + " CRLF");
    if (counts.cr)
        parts.push_back(std::to_string(counts.cr) + " CR");
    if (parts.empty())
        return "no line breaks";
    std::string text;
    for (const auto& part : parts)
        text += (text.empty() ? "" : ", ") + part;
    return text + " line endings";
}

std::string delimiter_text(char delimiter) { return delimiter == '\t' ? "tab" : std::string("'") + delimiter + "'"; }

} // namespace

InspectReport summarize_load(const LoadResult& loaded)
{
    const Frame& frame = loaded.frame;
    InspectReport report;
    report.load = loaded.report;
    report.rows = frame.rows();
    for (const Column& column : frame.columns) {
        ColumnSummary summary;
        summary.name = column.name;
        summary.kind = column.kind;
        summary.missing = column.missing;
        summary.first_text = column.first_text;
        summary.first_text_line = column.first_text_line;
        if (column.kind == ColumnKind::Number) {
            double sum = 0.0;
            for (double value : column.values) {
                if (std::isnan(value))
                    continue;
                summary.min = summary.count == 0 ? value : std::min(summary.min, value);
                summary.max = summary.count == 0 ? value : std::max(summary.max, value);
                sum += value;
                ++summary.count;
            }
            if (summary.count > 0)
                summary.mean = sum / double(summary.count);
        } else if (column.kind == ColumnKind::Time) {
            summary.count = frame.rows() - std::min(frame.rows(), column.missing);
        }
        report.columns.push_back(std::move(summary));
    }
    if (frame.time.column >= 0) {
        report.time_column = frame.columns[std::size_t(frame.time.column)].name;
        report.time_format = frame.time.format;
        report.first_time = std::string(frame.time.label(0));
        report.last_time = std::string(frame.time.label(frame.rows() - 1));
    }
    return report;
}

InspectReport inspect_csv(const std::string& path, const CsvProgress& progress, const CsvOptions& csv)
{
    LoadOptions options;
    options.csv = csv;
    options.missing = MissingPolicy::Keep;
    options.progress = progress;
    InspectReport report = summarize_load(load_csv(path, options));
    report.sha256 = sha256_file_hex(path);
    return report;
}

std::string column_type_name(const ColumnSummary& column, TimeFormat time_format)
{
    if (column.kind == ColumnKind::Time)
        return "time (" + std::string(time_format_name(time_format)) + ")";
    return kind_word(column.kind);
}

std::string render_inspect_text(const InspectReport& report)
{
    const LoadReport& load = report.load;
    std::string text = "File     " + load.path + " (" + std::to_string(load.bytes) + " bytes";
    if (!report.sha256.empty())
        text += ", SHA-256 " + report.sha256;
    text += ")\n";
    text += "Format   delimiter " + delimiter_text(load.delimiter) + ", " + line_endings_text(load.line_endings)
          + (load.utf8_bom ? ", UTF-8 byte-order mark" : "") + ", header on line " + std::to_string(load.header_line) + "\n";
    text += "Rows     " + std::to_string(report.rows);
    if (load.blank_lines > 0)
        text += " (" + std::to_string(load.blank_lines) + " blank lines skipped)";
    text += "\n";
    if (report.time_column.empty())
        text += "Time     no time column detected; rows are numbered 1.." + std::to_string(report.rows) + "\n";
    else
        text += "Time     \"" + report.time_column + "\", "
              + time_syntax_description(load.effective.time_syntax, load.effective.time_pattern) + ", "
              + report.first_time + " .. " + report.last_time + "\n";
    text += "Options  " + csv_options_command_line(load.effective) + "\n";
    for (std::size_t k = 0; k < load.notes.size(); ++k)
        text += std::string(k == 0 ? "Inferred " : "         ") + load.notes[k] + "\n";

    std::vector<std::vector<std::string>> table = {{"column", "type", "missing", "min", "max", "mean", "note"}};
    for (const ColumnSummary& column : report.columns) {
        std::string note;
        if (column.kind == ColumnKind::Text)
            note = "line " + std::to_string(column.first_text_line) + ": \"" + column.first_text + "\" is not a number";
        const bool is_time = column.kind == ColumnKind::Time;
        const std::string type = column.kind == ColumnKind::Time && load.effective.time_syntax != TimeSyntax::Auto
                                     ? "time (" + csv_option_text(load.effective, "time-format") + ")"
                                     : column_type_name(column, report.time_format);
        table.push_back({column.name, type, std::to_string(column.missing),
                         is_time ? report.first_time : short_number(column.min),
                         is_time ? report.last_time : short_number(column.max), short_number(column.mean), note});
    }
    std::vector<std::size_t> widths(table[0].size(), 0);
    for (const auto& row : table)
        for (std::size_t k = 0; k < row.size(); ++k)
            widths[k] = std::max(widths[k], row[k].size());
    text += "\n";
    for (const auto& row : table) {
        std::string line;
        for (std::size_t k = 0; k < row.size(); ++k) {
            const bool right = k >= 2 && k <= 5;  // counts and statistics align on the right
            const std::string pad(widths[k] - row[k].size(), ' ');
            line += (k == 0 ? "" : "  ") + (right ? pad + row[k] : row[k] + pad);
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        text += line + "\n";
    }
    return text;
}

std::string render_inspect_json(const InspectReport& report)
{
    const LoadReport& load = report.load;
    Json root = Json::object();
    root.set("file", utf8_sanitized(load.path));
    root.set("bytes", load.bytes);
    root.set("sha256", report.sha256.empty() ? Json(nullptr) : Json(report.sha256));
    root.set("delimiter", std::string(1, load.delimiter));
    root.set("utf8_bom", load.utf8_bom);
    Json endings = Json::object();
    endings.set("lf", load.line_endings.lf);
    endings.set("crlf", load.line_endings.crlf);
    endings.set("cr", load.line_endings.cr);
    root.set("line_endings", std::move(endings));
    root.set("header_line", load.header_line);
    root.set("rows", report.rows);
    root.set("blank_lines", load.blank_lines);
    Json options = Json::object();
    for (const auto& [name, value] : csv_option_values(load.effective))
        options.set(name, utf8_sanitized(value));
    root.set("options", std::move(options));
    root.set("flags", utf8_sanitized(csv_options_command_line(load.effective)));
    Json notes = Json::array();
    for (const std::string& note : load.notes)
        notes.push_back(utf8_sanitized(note));
    root.set("notes", std::move(notes));
    if (report.time_column.empty()) {
        root.set("time", nullptr);
    } else {
        Json time = Json::object();
        time.set("column", utf8_sanitized(report.time_column));
        time.set("format", std::string(time_format_name(report.time_format)));
        time.set("first", utf8_sanitized(report.first_time));
        time.set("last", utf8_sanitized(report.last_time));
        root.set("time", std::move(time));
    }
    Json columns = Json::array();
    for (const ColumnSummary& column : report.columns) {
        Json entry = Json::object();
        entry.set("name", utf8_sanitized(column.name));
        entry.set("type", kind_word(column.kind));
        entry.set("count", column.count);
        entry.set("missing", column.missing);
        entry.set("min", number_or_null(column.min));
        entry.set("max", number_or_null(column.max));
        entry.set("mean", number_or_null(column.mean));
        if (column.kind == ColumnKind::Text) {
            entry.set("first_text", utf8_sanitized(column.first_text));
            entry.set("first_text_line", column.first_text_line);
        }
        columns.push_back(std::move(entry));
    }
    root.set("columns", std::move(columns));
    return to_json(root, true) + "\n";
}

} // namespace lstmlab
