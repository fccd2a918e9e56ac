#include "engine/data/csv_load.h"

#include "engine/core/error.h"
#include "engine/data/cell_parse.h"

#include <algorithm>
#include <limits>

namespace lstmlab {
namespace {

constexpr double missing_value = std::numeric_limits<double>::quiet_NaN();

std::string join_names(const std::vector<Column>& columns)
{
    std::string names;
    for (const auto& column : columns)
        names += (names.empty() ? "" : ", ") + printable_for_message(column.name);
    return names;
}

class Loader {
public:
    Loader(const std::string& path, const LoadOptions& options)
        : m_options(options), m_tokenizer(path, options.limits, options.progress)
    {
        m_frame.path = path;
    }

    LoadResult run();

private:
    void read_header();
    void mark_used_columns();
    std::string near_match(std::string_view name) const;
    void choose_time_column(const CsvRecord& first);
    void reserve(const CsvRecord& first);
    void add_row(const CsvRecord& record);
    void check_time_order(const CsvRecord& record, std::int64_t key);
    void demote_to_text(std::size_t column, std::string_view text, std::size_t line);
    [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& reason) const
    {
        throw Error(m_tokenizer.where(line, column) + reason);
    }

    const LoadOptions& m_options;
    CsvTokenizer m_tokenizer;
    Frame m_frame;
    LoadReport m_report;
    CsvRecord m_header;
    std::vector<char> m_used;          // per column: named in used_columns
    std::vector<double> m_row;         // per column: the row being assembled
    bool m_have_previous_time = false;
    std::int64_t m_previous_key = 0;
    std::size_t m_previous_line = 0;
    std::string m_previous_label;
};

void Loader::read_header()
{
    if (!m_tokenizer.next(m_header))
        throw Error(m_frame.path + ": the file has no header row (it holds only blank lines).");
    m_report.header_line = m_header.line;
    std::vector<std::string> names;
    for (std::size_t k = 0; k < m_header.fields.size(); ++k) {
        // "Date, Close": an unquoted name loses the blanks around it; a quoted one keeps them.
        const std::string_view name = m_header.fields[k].quoted ? m_header.field(k) : trim_blanks(m_header.field(k));
        if (trim_blanks(name).empty())
            fail(m_header.fields[k].line, k,
                 "the header name of column " + std::to_string(k + 1) + " is empty; every column needs a name.");
        names.emplace_back(name);
        for (std::size_t j = 0; j < k; ++j)
            if (names[j] == name) {
                m_tokenizer.set_column_names(names);
                fail(m_header.fields[k].line, k,
                     "the header name " + quote_for_message(name) + " is already used by column " + std::to_string(j + 1)
                         + "; column names must be unique.");
            }
    }
    m_tokenizer.set_column_names(names);
    m_frame.columns.resize(names.size());
    for (std::size_t k = 0; k < names.size(); ++k)
        m_frame.columns[k].name = std::move(names[k]);
    m_used.assign(m_frame.columns.size(), 0);
    m_row.assign(m_frame.columns.size(), 0.0);
}

// ` (column 2 is named " Close"; the names differ only in blanks around them)` when a column differs
// from `name` only so (a quoted header name keeps its blanks), else "".
std::string Loader::near_match(std::string_view name) const
{
    for (std::size_t k = 0; k < m_frame.columns.size(); ++k)
        if (trim_blanks(m_frame.columns[k].name) == trim_blanks(name))
            return " (column " + std::to_string(k + 1) + " is named " + quote_for_message(m_frame.columns[k].name)
                   + "; the names differ only in blanks around them)";
    return {};
}

void Loader::mark_used_columns()
{
    for (const auto& name : m_options.used_columns) {
        const int index = m_frame.find(name);
        if (index < 0)
            throw Error(m_frame.path + ":" + std::to_string(m_report.header_line) + ": there is no column "
                        + quote_for_message(name) + " in the header" + near_match(name) + "; the columns are "
                        + join_names(m_frame.columns) + ".");
        m_used[std::size_t(index)] = 1;
    }
}

void Loader::choose_time_column(const CsvRecord& first)
{
    auto take = [&](std::size_t column, TimeFormat format) {
        m_frame.time.column = int(column);
        m_frame.time.format = format;
        m_frame.columns[column].kind = ColumnKind::Time;
    };
    const std::size_t count = std::min(first.fields.size(), m_frame.columns.size());
    if (m_options.time_column) {
        if (m_options.time_column->empty())
            return;
        const int index = m_frame.find(*m_options.time_column);
        if (index < 0)
            throw Error(m_frame.path + ":" + std::to_string(m_report.header_line) + ": there is no time column "
                        + quote_for_message(*m_options.time_column) + near_match(*m_options.time_column) + "; the columns are " + join_names(m_frame.columns) + ".");
        const std::size_t column = std::size_t(index);
        if (m_used[column])
            throw Error(m_frame.path + " (column " + quote_for_message(m_frame.columns[column].name)
                        + "): the time column cannot also be used as a number.");
        const std::string_view text = column < count ? first.field(column) : std::string_view();
        if (const auto calendar = parse_calendar_time(text))
            return take(column, calendar->format);
        if (parse_time_index(text))
            return take(column, TimeFormat::Index);
        fail(column < count ? first.fields[column].line : first.line, column,
             quote_for_message(text) + " is neither a date (YYYY-MM-DD, YYYY-MM, YYYY-MM-DD HH:MM:SS) nor an integer index.");
    }
    for (std::size_t column = 0; column < count; ++column) {
        if (m_used[column])
            continue;
        const std::string_view text = first.field(column);
        if (const auto calendar = parse_calendar_time(text))
            return take(column, calendar->format);
        if (is_time_like_name(m_frame.columns[column].name) && parse_time_index(text))
            return take(column, TimeFormat::Index);
    }
}

void Loader::reserve(const CsvRecord& first)
{
    // Rows still to come, from the line breaks of the buffered chunk; every row has at least
    // one byte per column, which bounds the estimate.
    const std::size_t bound = std::size_t(m_tokenizer.bytes_total() / std::max<std::size_t>(1, m_frame.columns.size())) + 1;
    const std::size_t rows = std::min(m_tokenizer.estimate_remaining_records() + 1, bound);
    for (auto& column : m_frame.columns)
        if (column.kind == ColumnKind::Number)
            column.values.reserve(rows);
    m_frame.lines.reserve(rows);
    if (m_frame.time.column >= 0) {
        m_frame.time.keys.reserve(rows);
        m_frame.time.label_ends.reserve(rows);
        const std::size_t column = std::size_t(m_frame.time.column);
        const std::size_t label = column < first.fields.size() ? first.field(column).size() : 0;
        m_frame.time.label_bytes.reserve(rows * (label + 1));
    }
}

void Loader::demote_to_text(std::size_t column, std::string_view text, std::size_t line)
{
    Column& target = m_frame.columns[column];
    target.kind = ColumnKind::Text;
    target.values.clear();
    target.values.shrink_to_fit();
    target.first_text = std::string(utf8_prefix(trim_blanks(text), 40));
    target.first_text_line = line;
}

void Loader::check_time_order(const CsvRecord& record, std::int64_t key)
{
    const std::size_t column = std::size_t(m_frame.time.column);
    const std::string_view label = trim_blanks(record.field(column));
    if (m_have_previous_time && key <= m_previous_key) {
        const std::size_t line = record.fields[column].line;
        if (key == m_previous_key)
            fail(line, column,
                 "the time " + quote_for_message(label) + " repeats the time of line " + std::to_string(m_previous_line)
                     + " (" + quote_for_message(m_previous_label) + "); each row needs its own time.");
        fail(line, column,
             "the time " + quote_for_message(label) + " is earlier than " + quote_for_message(m_previous_label)
                 + " on line " + std::to_string(m_previous_line) + "; rows must be sorted oldest first.");
    }
    m_have_previous_time = true;
    m_previous_key = key;
    m_previous_line = record.fields[column].line;
    m_previous_label.assign(label);
}

void Loader::add_row(const CsvRecord& record)
{
    ++m_report.rows_in_file;
    const std::size_t columns = m_frame.columns.size();
    if (record.fields.size() < columns)
        fail(record.last_line, record.fields.size(),
             "the row has " + std::to_string(record.fields.size()) + " fields but the header has "
                 + std::to_string(columns) + " columns.");
    if (record.fields.size() > columns)
        fail(record.fields[columns].line, columns,
             "the row has " + std::to_string(record.fields.size()) + " fields but the header has "
                 + std::to_string(columns) + " columns.");

    const MissingPolicy policy = m_options.missing;
    bool drop = false;
    std::int64_t key = 0;
    bool have_key = false;
    if (m_frame.time.column >= 0) {
        const std::size_t column = std::size_t(m_frame.time.column);
        const std::string_view text = record.field(column);
        if (is_missing_token(text)) {
            ++m_frame.columns[column].missing;
            if (policy == MissingPolicy::Error || policy == MissingPolicy::ForwardFill)
                fail(record.fields[column].line, column,
                     "missing time " + quote_for_message(text) + "; a time cannot be forward-filled, use --missing drop "
                     "to drop such rows.");
            drop = policy == MissingPolicy::Drop;
        } else {
            const auto parsed = parse_time_as(m_frame.time.format, text);
            if (!parsed)
                fail(record.fields[column].line, column,
                     quote_for_message(trim_blanks(text)) + " is not a time in this column's format ("
                         + std::string(time_format_name(m_frame.time.format)) + ").");
            key = parsed->key;
            have_key = true;
            check_time_order(record, key);
        }
    }

    for (std::size_t column = 0; column < columns; ++column) {
        Column& target = m_frame.columns[column];
        if (target.kind != ColumnKind::Number) {
            if (target.kind == ColumnKind::Text && is_missing_token(record.field(column)))
                ++target.missing;
            continue;
        }
        const std::string_view text = record.field(column);
        const ParsedCell cell = parse_number_cell(text);
        if (cell.status == CellStatus::Number) {
            m_row[column] = cell.value;
            continue;
        }
        const std::size_t line = record.fields[column].line;
        if (cell.status != CellStatus::Missing) {
            if (m_used[column])
                fail(line, column, describe_bad_number(text, cell.status, m_tokenizer.delimiter()));
            demote_to_text(column, text, line);
            continue;
        }
        ++target.missing;
        m_row[column] = missing_value;
        if (!m_used[column])
            continue;
        switch (policy) {
        case MissingPolicy::Error:
            fail(line, column,
                 "missing value " + quote_for_message(text) + "; choose --missing drop or --missing ffill to accept "
                 "missing values.");
        case MissingPolicy::Drop:
            drop = true;
            break;
        case MissingPolicy::ForwardFill:
            if (target.values.empty())
                fail(line, column,
                     "missing value " + quote_for_message(text)
                         + " in the first data row cannot be forward-filled (there is no earlier value).");
            m_row[column] = target.values.back();
            ++target.forward_filled;
            break;
        case MissingPolicy::Keep:
            break;
        }
    }

    if (drop) {
        ++m_report.rows_dropped;
        if (m_report.first_dropped_line == 0)
            m_report.first_dropped_line = record.line;
        return;
    }
    for (std::size_t column = 0; column < columns; ++column)
        if (m_frame.columns[column].kind == ColumnKind::Number)
            m_frame.columns[column].values.push_back(m_row[column]);
    if (m_frame.time.column >= 0) {
        TimeAxis& time = m_frame.time;
        time.keys.push_back(have_key ? key : (time.keys.empty() ? 0 : time.keys.back()));
        time.label_bytes.append(trim_blanks(record.field(std::size_t(time.column))));
        time.label_ends.push_back(time.label_bytes.size());
    }
    m_frame.lines.push_back(record.line);
}

LoadResult Loader::run()
{
    m_report.path = m_frame.path;
    m_report.bytes = m_tokenizer.bytes_total();
    m_report.delimiter = m_tokenizer.delimiter();
    m_report.utf8_bom = m_tokenizer.had_utf8_bom();
    m_report.missing = m_options.missing;

    read_header();
    mark_used_columns();
    CsvRecord record;
    if (!m_tokenizer.next(record))
        throw Error(m_frame.path + ":" + std::to_string(m_header.last_line + 1) + ": the file has a header row (line "
                    + std::to_string(m_header.line) + ") but no data rows.");
    choose_time_column(record);
    reserve(record);
    do {
        add_row(record);
    } while (m_tokenizer.next(record));

    m_report.rows_kept = m_frame.rows();
    m_report.blank_lines = m_tokenizer.blank_lines();
    m_report.line_endings = m_tokenizer.line_endings();
    if (m_report.rows_kept == 0)
        throw Error(m_frame.path + ": every one of the " + std::to_string(m_report.rows_in_file)
                    + " data rows has a missing value in a used column (first on line "
                    + std::to_string(m_report.first_dropped_line) + "); nothing is left to load.");
    return LoadResult{std::move(m_frame), std::move(m_report)};
}

} // namespace

std::string_view missing_policy_name(MissingPolicy policy)
{
    switch (policy) {
    case MissingPolicy::Error: return "error";
    case MissingPolicy::Drop: return "drop";
    case MissingPolicy::ForwardFill: return "ffill";
    case MissingPolicy::Keep: return "keep";
    }
    return "error";
}

MissingPolicy parse_missing_policy(std::string_view text, std::string_view option)
{
    for (MissingPolicy policy : {MissingPolicy::Error, MissingPolicy::Drop, MissingPolicy::ForwardFill, MissingPolicy::Keep})
        if (text == missing_policy_name(policy))
            return policy;
    throw Error(std::string(option) + ": " + quote_for_message(text)
                + " is not a missing-value policy; use error, drop or ffill.");
}

std::string LoadReport::summary() const
{
    std::string text = "Read " + std::to_string(rows_in_file) + " data rows from " + path + "; kept "
                     + std::to_string(rows_kept);
    if (rows_dropped > 0)
        text += ", dropped " + std::to_string(rows_dropped) + " with missing values (first on line "
              + std::to_string(first_dropped_line) + ")";
    if (blank_lines > 0)
        text += ", skipped " + std::to_string(blank_lines) + " blank lines";
    return text + ".";
}

LoadResult load_csv(const std::string& path, const LoadOptions& options)
{
    Loader loader(path, options);
    return loader.run();
}

} // namespace lstmlab
