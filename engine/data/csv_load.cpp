#include "engine/data/csv_load.h"

#include "engine/core/error.h"
#include "engine/data/csv_loader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace lstmlab {
namespace {

constexpr double missing_value = std::numeric_limits<double>::quiet_NaN();

// Unicode code points of Windows-1252's 0x80..0x9F (undefined bytes map to the C1 control of the
// same value, as ISO-8859-1 does); every other byte is its own code point.
constexpr std::array<std::uint16_t, 32> windows_1252 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_latin1(std::string& out, unsigned char byte)
{
    const unsigned code = byte >= 0x80 && byte < 0xA0 ? windows_1252[byte - 0x80] : byte;
    if (code < 0x80) {
        out += char(code);
    } else if (code < 0x800) {
        out += char(0xC0 | (code >> 6));
        out += char(0x80 | (code & 0x3F));
    } else {
        out += char(0xE0 | (code >> 12));
        out += char(0x80 | ((code >> 6) & 0x3F));
        out += char(0x80 | (code & 0x3F));
    }
}

} // namespace

std::string join_names(const std::vector<Column>& columns)
{
    std::string names;
    for (const auto& column : columns)
        names += (names.empty() ? "" : ", ") + printable_for_message(column.name);
    return names;
}

CsvLoader::CsvLoader(const std::string& path, const LoadOptions& options)
    : m_options(options), m_csv(options.csv), m_tokenizer(path, options.limits, options.progress, options.csv.delimiter)
{
    m_frame.path = path;
}

void CsvLoader::decode_latin1(CsvRecord& record) const
{
    if (std::none_of(record.text.begin(), record.text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        return;
    std::string text;
    text.reserve(record.text.size() * 2);
    for (CsvField& field : record.fields) {
        const std::size_t begin = text.size();
        for (std::size_t k = field.begin; k < field.end; ++k)
            append_latin1(text, static_cast<unsigned char>(record.text[k]));
        field.begin = begin;
        field.end = text.size();
    }
    record.text = std::move(text);
}

void CsvLoader::check_utf8(std::string_view text, std::size_t line, std::size_t field) const
{
    const std::size_t bad = first_invalid_utf8(text);
    if (bad == std::string_view::npos)
        return;
    static constexpr char hex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text[bad]);
    fail(line, field,
         {std::string("the byte 0x") + hex[byte >> 4] + hex[byte & 15] + " after " + quote_for_message(text.substr(0, bad)) +
              " is not UTF-8 (the file looks like Windows-1252 or Latin-1); save it as UTF-8, or decode with ",
          SettingRef{"encoding", "latin1"}, "."});
}

std::string CsvLoader::field_name(std::size_t field) const { return quote_for_message(m_field_names[field]); }

void CsvLoader::mark_used_columns()
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

void CsvLoader::reserve()
{
    // Rows still to come, from the line breaks of the buffered chunk; every row has at least
    // one byte per column, which bounds the estimate.
    const std::size_t bound = std::size_t(m_tokenizer.bytes_total() / std::max<std::size_t>(1, m_field_count)) + 1;
    const std::size_t rows = std::min(m_tokenizer.estimate_remaining_records() + m_sample.size(), bound);
    for (auto& column : m_frame.columns)
        if (column.kind == ColumnKind::Number)
            column.values.reserve(rows);
    m_frame.lines.reserve(rows);
    if (m_time_field >= 0) {
        m_frame.time.keys.reserve(rows);
        m_frame.time.label_ends.reserve(rows);
        const std::size_t field = std::size_t(m_time_field);
        const CsvRecord& first = m_sample.front();
        const std::size_t label = field < first.fields.size() ? first.field(field).size() : 0;
        m_frame.time.label_bytes.reserve(rows * (label + 1));
    }
}

void CsvLoader::demote_to_text(std::size_t column, std::string_view text, std::size_t line)
{
    check_utf8(text, line, m_field_of[column]);
    Column& target = m_frame.columns[column];
    target.kind = ColumnKind::Text;
    target.values.clear();
    target.values.shrink_to_fit();
    target.first_text = std::string(utf8_prefix(trim_blanks(text), 40));
    target.first_text_line = line;
}

// An integer column taken as the time axis by its name stops being one: its keys become its values.
void CsvLoader::demote_time(std::size_t line, const std::string& why)
{
    Column& column = m_frame.columns[std::size_t(m_frame.time.column)];
    column.kind = ColumnKind::Number;
    column.values.assign(m_frame.time.keys.begin(), m_frame.time.keys.end());
    note("Column " + quote_for_message(column.name) + " is named like a time but " + why + " on line " +
         std::to_string(line) + "; it is loaded as a number and the rows are numbered.");
    m_frame.time = TimeAxis{};
    m_time_field = -1;
    m_name_guess = false;
    m_csv.time_column = std::string();
    m_csv.time_syntax = TimeSyntax::Auto;
}

// Reads the time of `record`; false when it has none (a missing time kept or dropped, or the axis was demoted).
bool CsvLoader::read_time(const CsvRecord& record, std::int64_t& key, bool& drop)
{
    const std::size_t field = std::size_t(m_time_field);
    const std::size_t line = record.fields[field].line;
    const std::string_view text = record.field(field);
    if (is_missing_token(text)) {
        if (m_name_guess) {
            demote_time(line, "has a missing value");
            return false;
        }
        ++m_frame.columns[std::size_t(m_frame.time.column)].missing;
        if (m_options.missing == MissingPolicy::Error || m_options.missing == MissingPolicy::ForwardFill)
            fail(line, field, {"missing time " + quote_for_message(text) + "; a time cannot be forward-filled, use ",
                               SettingRef{"missing", "drop"}, " to drop such rows."});
        drop = m_options.missing == MissingPolicy::Drop;
        return false;
    }
    // ISO and integer indexes, the common cases, without the dispatch of parse_time_syntax (the same parses).
    bool had_offset = false;
    std::optional<TimeValue> parsed;
    if (m_syntax == TimeSyntax::ISO) {
        parsed = parse_calendar_time(text, had_offset);
    } else if (m_syntax == TimeSyntax::Index) {
        if (const auto index = parse_time_index(text))
            parsed = TimeValue{TimeFormat::Index, *index};
    } else if (const auto other = parse_time_syntax(m_syntax, m_csv.time_pattern, text)) {
        parsed = other->value;
        had_offset = other->had_offset;
    }
    if (!parsed) {
        if (m_name_guess) {
            demote_time(line, "holds " + quote_for_message(trim_blanks(text)));
            return false;
        }
        check_utf8(text, line, field);
        fail(line, field,
             {quote_for_message(trim_blanks(text)) + " is not a time in this column's format (" +
                  time_syntax_description(m_syntax, m_csv.time_pattern) + "); give the format with ",
              SettingRef{"time-format"}, "."});
    }
    m_had_offset = m_had_offset || (had_offset && m_syntax != TimeSyntax::UnixSeconds && m_syntax != TimeSyntax::UnixMillis);
    key = parsed->key;
    return true;
}

bool CsvLoader::order_time(const CsvRecord& record, std::int64_t key)
{
    const std::size_t field = std::size_t(m_time_field);
    const std::size_t line = record.fields[field].line;
    // Built only for a message: this runs on every row.
    const auto label = [&] { return trim_blanks(record.field(field)); };
    const auto before = [&] { return quote_for_message(previous_label()) + " on line " + std::to_string(m_previous_line); };
    const auto fix = [](std::string reason) -> std::vector<SettingPiece> {
        return {std::move(reason) + "; sort the file, or add ", SettingRef{"time-column", "none"},
                " to number the rows instead."};
    };
    if (m_had_previous_time && key == m_previous_key) {
        if (m_csv.duplicates != DuplicatePolicy::Error)
            return false;
        if (m_name_guess && m_report.rows_merged == 0) {
            demote_time(line, "repeats " + quote_for_message(label()));
            return true;
        }
        fail(line, field,
             {"the time " + quote_for_message(label()) + " repeats the time of line " + std::to_string(m_previous_line) +
                  " (" + quote_for_message(previous_label()) + "); each row needs its own time, or add ",
              SettingRef{"duplicates"}, " first, last or mean to merge such rows."});
    }
    if (m_had_previous_time && key < m_previous_key) {
        if (m_direction == 0 && m_syntax != TimeSyntax::Index) {
            m_direction = -1;
        } else if (m_direction >= 0) {
            if (m_name_guess) {
                demote_time(line, "decreases to " + quote_for_message(label()));
                return true;
            }
            fail(line, field, fix("the time " + quote_for_message(label()) + " is earlier than " + before() +
                                  "; rows must be sorted oldest first (or all newest first)"));
        }
    } else if (m_had_previous_time && key > m_previous_key) {
        if (m_direction == 0)
            m_direction = 1;
        else if (m_direction < 0)
            fail(line, field, fix("the time " + quote_for_message(label()) + " is later than " + before() +
                                  ", but the rows before it run newest first; rows must be sorted in one direction"));
    }
    m_had_previous_time = true;
    m_previous_key = key;
    m_previous_line = line;
    m_previous_label_pending = true;
    return true;
}

// Where the label of the row order_time just took lives: in the frame when the row is kept, else copied.
void CsvLoader::settle_previous_label(const CsvRecord& record, bool kept)
{
    if (!m_previous_label_pending)
        return;
    m_previous_label_pending = false;
    m_previous_label_kept = kept;
    if (!kept)
        m_previous_label.assign(trim_blanks(record.field(std::size_t(m_time_field))));
}

void CsvLoader::add_row(const CsvRecord& record)
{
    ++m_report.rows_in_file;
    const std::size_t fields = record.fields.size();
    const bool extra_empty = fields == m_field_count + 1 && trim_blanks(record.field(m_field_count)).empty();
    if (extra_empty && !m_extra_empty_field) {
        m_extra_empty_field = true;
        note("Line " + std::to_string(record.line) + " and maybe others end with a delimiter that the header does not "
             "have; the empty last field is ignored.");
    }
    if (fields < m_field_count)
        fail(record.last_line, fields,
             "the row has " + std::to_string(fields) + " fields but the header has " + std::to_string(m_field_count) +
                 " columns.");
    if (fields > m_field_count && !extra_empty)
        fail(record.fields[m_field_count].line, m_field_count,
             "the row has " + std::to_string(fields) + " fields but the header has " + std::to_string(m_field_count) +
                 " columns.");
    if (m_index_field >= 0) {
        const std::size_t f = std::size_t(m_index_field);
        const auto value = parse_time_index(record.field(f));
        if (!value || *value != m_index_base + std::int64_t(m_report.rows_in_file - 1))
            fail(record.fields[f].line, f,
                 "the unnamed first column counts the rows (" + std::to_string(m_index_base) + ", " +
                     std::to_string(m_index_base + 1) + ", ...) up to here but holds " +
                     quote_for_message(trim_blanks(record.field(f))) + "; give it a name in the header to load it as data.");
    }
    if (m_trailing_field >= 0) {
        const std::size_t f = std::size_t(m_trailing_field);
        if (!trim_blanks(record.field(f)).empty())
            fail(record.fields[f].line, f,
                 "the last column has no name and was empty in the first rows but holds " +
                     quote_for_message(trim_blanks(record.field(f))) + "; give it a name in the header to load it.");
    }

    const MissingPolicy policy = m_options.missing;
    bool drop = false;
    bool duplicate = false;
    std::int64_t key = 0;
    bool have_key = false;
    if (m_time_field >= 0) {
        have_key = read_time(record, key, drop);
        if (have_key)
            duplicate = !order_time(record, key);
        have_key = have_key && m_time_field >= 0;
    }

    for (std::size_t column = 0; column < m_frame.columns.size(); ++column) {
        Column& target = m_frame.columns[column];
        const std::size_t field = m_field_of[column];
        const std::string_view text = record.field(field);
        if (target.kind != ColumnKind::Number) {
            if (target.kind == ColumnKind::Text) {
                if (is_missing_token(text))
                    ++target.missing;
                else
                    check_utf8(text, record.fields[field].line, field);
            }
            continue;
        }
        const ParsedCell cell = parse_number_cell(text, m_number);
        if (cell.status == CellStatus::Number) {
            m_row[column] = cell.value;
            m_decorations[column] |= cell.decorations;
            continue;
        }
        const std::size_t line = record.fields[field].line;
        if (cell.status != CellStatus::Missing) {
            if (m_used[column]) {
                check_utf8(text, line, field);
                fail(line, field, describe_bad_number(text, cell.status, m_number));
            }
            demote_to_text(column, text, line);
            continue;
        }
        ++target.missing;
        m_row[column] = missing_value;
        if (!m_used[column])
            continue;
        if (m_first_missing[column].line == 0)
            m_first_missing[column] = {std::string(text), line};
        m_last_missing[column] = {std::string(text), line};
        switch (policy) {
        case MissingPolicy::Error:
            fail(line, field,
                 {"missing value " + quote_for_message(text) + "; choose ", SettingRef{"missing", "drop"}, " or ",
                  SettingRef{"missing", "ffill"}, " to accept missing values."});
        case MissingPolicy::Drop:
            drop = true;
            break;
        case MissingPolicy::ForwardFill:  // filled in time order once every row is read (fill_forward)
        case MissingPolicy::Keep:
            break;
        }
    }

    if (drop) {
        settle_previous_label(record, false);
        ++m_report.rows_dropped;
        if (m_report.first_dropped_line == 0)
            m_report.first_dropped_line = record.line;
        return;
    }
    if (duplicate && !m_frame.time.keys.empty() && m_frame.time.keys.back() == key) {
        ++m_report.rows_merged;
        merge_row(record);
    } else {
        push_row(record, have_key, key);
        settle_previous_label(record, true);
    }
}

void CsvLoader::merge_row(const CsvRecord& record)
{
    const std::size_t columns = m_frame.columns.size();
    TimeAxis& time = m_frame.time;
    switch (m_csv.duplicates) {
    case DuplicatePolicy::Error:
    case DuplicatePolicy::First:
        return;
    case DuplicatePolicy::Last: {
        for (std::size_t column = 0; column < columns; ++column)
            if (m_frame.columns[column].kind == ColumnKind::Number)
                m_frame.columns[column].values.back() = m_row[column];
        m_frame.lines.back() = record.line;
        if (m_previous_label_kept) {   // the label about to be overwritten is the previous time's
            m_previous_label.assign(previous_label());
            m_previous_label_kept = false;
        }
        time.label_bytes.resize(time.label_ends.size() > 1 ? time.label_ends[time.label_ends.size() - 2] : 0);
        time.label_bytes.append(trim_blanks(record.field(std::size_t(m_time_field))));
        time.label_ends.back() = time.label_bytes.size();
        return;
    }
    case DuplicatePolicy::Mean:
        ++m_group_size;
        for (std::size_t column = 0; column < columns; ++column)
            if (m_frame.columns[column].kind == ColumnKind::Number) {
                double& mean = m_frame.columns[column].values.back();
                mean += (m_row[column] - mean) / double(m_group_size);
            }
        return;
    }
}

void CsvLoader::push_row(const CsvRecord& record, bool have_key, std::int64_t key)
{
    m_group_size = 1;
    for (std::size_t column = 0; column < m_frame.columns.size(); ++column)
        if (m_frame.columns[column].kind == ColumnKind::Number)
            m_frame.columns[column].values.push_back(m_row[column]);
    if (m_time_field >= 0) {
        TimeAxis& time = m_frame.time;
        time.keys.push_back(have_key ? key : (time.keys.empty() ? 0 : time.keys.back()));
        time.label_bytes.append(trim_blanks(record.field(std::size_t(m_time_field))));
        time.label_ends.push_back(time.label_bytes.size());
    }
    m_frame.lines.push_back(record.line);
}

void CsvLoader::reverse_rows()
{
    for (Column& column : m_frame.columns)
        std::reverse(column.values.begin(), column.values.end());
    std::reverse(m_frame.lines.begin(), m_frame.lines.end());
    TimeAxis& time = m_frame.time;
    std::reverse(time.keys.begin(), time.keys.end());
    std::string labels;
    labels.reserve(time.label_bytes.size());
    std::vector<std::size_t> ends;
    ends.reserve(time.label_ends.size());
    for (std::size_t r = time.label_ends.size(); r-- > 0;) {
        labels.append(time.label(r));
        ends.push_back(labels.size());
    }
    time.label_bytes = std::move(labels);
    time.label_ends = std::move(ends);
}

void CsvLoader::fill_forward()
{
    for (std::size_t column = 0; column < m_frame.columns.size(); ++column) {
        Column& target = m_frame.columns[column];
        if (!m_used[column] || target.kind != ColumnKind::Number)
            continue;
        for (std::size_t r = 0; r < target.values.size(); ++r) {
            if (!std::isnan(target.values[r]))
                continue;
            if (r == 0) {
                const MissingCell& cell =
                    m_first_missing[column].line == m_frame.lines[0] ? m_first_missing[column] : m_last_missing[column];
                fail(m_frame.lines[0], m_field_of[column],
                     "missing value " + quote_for_message(cell.text)
                         + " in the first data row cannot be forward-filled (there is no earlier value).");
            }
            target.values[r] = target.values[r - 1];
            ++target.forward_filled;
        }
    }
}

void CsvLoader::note_decorations()
{
    for (std::size_t column = 0; column < m_frame.columns.size(); ++column) {
        const unsigned bits = m_decorations[column];
        if (bits == 0 || m_frame.columns[column].kind != ColumnKind::Number)
            continue;
        std::string what;
        if (bits & decoration_grouped)
            what += "thousands separators removed";
        if (bits & decoration_currency)
            what += std::string(what.empty() ? "" : ", ") + "currency signs ignored";
        if (bits & decoration_percent)
            what += std::string(what.empty() ? "" : ", ") + "percentages read as fractions (1.5% = 0.015)";
        note("Column " + quote_for_message(m_frame.columns[column].name) + ": " + what + ".");
    }
}

void CsvLoader::finish()
{
    m_report.blank_lines = m_tokenizer.blank_lines();
    m_report.line_endings = m_tokenizer.line_endings();
    if (m_frame.rows() == 0)
        throw Error(m_frame.path + ": every one of the " + std::to_string(m_report.rows_in_file)
                    + " data rows has a missing value in a used column (first on line "
                    + std::to_string(m_report.first_dropped_line) + "); nothing is left to load.");
    if (m_direction < 0) {
        reverse_rows();
        m_report.reversed = true;
        note("Rows were newest first; reversed.");
    }
    if (m_options.missing == MissingPolicy::ForwardFill)
        fill_forward();
    if (m_report.rows_merged > 0)
        note({std::to_string(m_report.rows_merged) + " rows repeated the time of the row before them and were merged (",
              SettingRef{"duplicates", std::string(duplicate_policy_name(m_csv.duplicates))}, ")."});
    if (m_had_offset)
        note("Times carry UTC offsets; they are ordered in UTC (the labels keep the original text).");
    note_decorations();
    if (m_frame.time.column < 0) {
        m_csv.time_column = std::string();
        note("No time column; rows are numbered 1.." + std::to_string(m_frame.rows()) + ".");
    }
    if (m_csv.encoding == Encoding::Latin1)
        note({"Decoded from Windows-1252 / Latin-1 (", SettingRef{"encoding", "latin1"}, ")."});
    m_report.rows_kept = m_frame.rows();
    m_report.effective = m_csv;
}

LoadResult CsvLoader::run()
{
    m_report.path = m_frame.path;
    m_report.bytes = m_tokenizer.bytes_total();
    m_report.delimiter = m_tokenizer.delimiter();
    m_report.utf8_bom = m_tokenizer.had_utf8_bom();
    m_report.missing = m_options.missing;
    m_csv.delimiter = m_tokenizer.delimiter();
    if (m_options.csv.delimiter == 0 && m_csv.delimiter != ',')
        note("Delimiter " + std::string(m_csv.delimiter == '\t' ? "tab" : std::string("'") + m_csv.delimiter + "'") +
             " detected.");

    read_header();
    read_sample();
    settle_layout();
    mark_used_columns();
    settle_decimal();
    settle_time();
    reserve();
    for (const CsvRecord& record : m_sample)
        add_row(record);
    m_sample.clear();
    m_sample.shrink_to_fit();
    CsvRecord record;
    while (m_tokenizer.next(record)) {
        decode(record);
        add_row(record);
    }
    finish();
    return LoadResult{std::move(m_frame), std::move(m_report)};
}

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
    CsvLoader loader(path, options);
    return loader.run();
}

} // namespace lstmlab
