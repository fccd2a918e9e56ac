// The `auto` import options, settled from the header and the first CsvLoader::sample_rows data rows.
#include "engine/core/error.h"
#include "engine/data/csv_loader.h"

#include <algorithm>

namespace lstmlab {
namespace {

std::string delimiter_word(char delimiter) { return delimiter == '\t' ? "tab" : std::string("'") + delimiter + "'"; }

bool is_integer_text(std::string_view text) { return parse_time_index(text).has_value(); }

} // namespace

void CsvLoader::read_header()
{
    if (!m_tokenizer.next(m_header))
        throw Error(m_frame.path + ": the file has no header row (it holds only blank lines).");
    decode(m_header);
    m_report.header_line = m_header.line;
    m_field_count = m_header.fields.size();
    for (std::size_t k = 0; k < m_field_count; ++k) {
        check_utf8(m_header.field(k), m_header.fields[k].line, k);
        // "Date, Close": an unquoted name loses the blanks around it; a quoted one keeps them.
        m_field_names.emplace_back(m_header.fields[k].quoted ? m_header.field(k) : trim_blanks(m_header.field(k)));
    }
    m_tokenizer.set_column_names(m_field_names);
}

// ` (column 2 is named " Close"; the names differ only in blanks around them)` when a column differs
// from `name` only so (a quoted header name keeps its blanks), else "".
std::string CsvLoader::near_match(std::string_view name) const
{
    for (std::size_t k = 0; k < m_frame.columns.size(); ++k)
        if (trim_blanks(m_frame.columns[k].name) == trim_blanks(name))
            return " (column " + std::to_string(k + 1) + " is named " + quote_for_message(m_frame.columns[k].name) +
                   "; the names differ only in blanks around them)";
    return {};
}

void CsvLoader::read_sample()
{
    m_sample.reserve(sample_rows);
    CsvRecord record;
    while (m_sample.size() < sample_rows && m_tokenizer.next(record)) {
        decode(record);
        m_sample.push_back(record);
    }
    if (m_sample.empty())
        throw Error(m_frame.path + ":" + std::to_string(m_header.last_line + 1) + ": the file has a header row (line "
                    + std::to_string(m_header.line) + ") but no data rows.");
}

void CsvLoader::settle_layout()
{
    const auto empty_name = [&](std::size_t k) { return trim_blanks(m_field_names[k]).empty(); };
    const auto cell = [](const CsvRecord& row, std::size_t k) {
        return k < row.fields.size() ? trim_blanks(row.field(k)) : std::string_view();
    };
    const std::size_t last = m_field_count - 1;
    if (m_field_count > 1 && empty_name(last) &&
        std::all_of(m_sample.begin(), m_sample.end(), [&](const CsvRecord& row) { return cell(row, last).empty(); })) {
        m_trailing_field = int(last);
        note("Every line ends with a delimiter; the empty last column is ignored.");
    }
    for (const CsvRecord& row : m_sample)
        if (row.fields.size() == m_field_count + 1 && cell(row, m_field_count).empty())
            m_extra_empty_field = true;
    if (m_extra_empty_field)
        note("The data rows end with a delimiter that the header does not have; the empty last field is ignored.");

    if (m_field_count > 1 && empty_name(0) && m_trailing_field != 0) {
        const auto first = parse_time_index(cell(m_sample[0], 0));
        bool index = first && (*first == 0 || *first == 1);
        for (std::size_t r = 0; index && r < m_sample.size(); ++r) {
            const auto value = parse_time_index(cell(m_sample[r], 0));
            index = value && *value == *first + std::int64_t(r);
        }
        if (index) {
            m_index_field = 0;
            m_index_base = *first;
            m_field_names[0] = "index";
            note("The unnamed first column holds the row numbers " + std::to_string(*first) + ", " +
                 std::to_string(*first + 1) + ", ... (a pandas or R row index); it is ignored.");
        }
    }
    for (std::size_t k = 0; k < m_field_count; ++k) {
        if (int(k) == m_index_field || int(k) == m_trailing_field || !empty_name(k))
            continue;
        m_field_names[k] = "column_" + std::to_string(k + 1);
        note("Column " + std::to_string(k + 1) + " has no name in the header; it is called " + m_field_names[k] + ".");
    }
    m_tokenizer.set_column_names(m_field_names);
    for (std::size_t k = 0; k < m_field_count; ++k) {
        if (int(k) == m_index_field || int(k) == m_trailing_field)
            continue;
        for (std::size_t j = 0; j < k; ++j)
            if (m_field_names[j] == m_field_names[k] && int(j) != m_index_field)
                fail(m_header.fields[k].line, k,
                     "the header name " + quote_for_message(m_field_names[k]) + " is already used by column " +
                         std::to_string(j + 1) + "; column names must be unique.");
        m_field_of.push_back(k);
        m_frame.columns.emplace_back();
        m_frame.columns.back().name = m_field_names[k];
    }
    const std::size_t columns = m_frame.columns.size();
    m_used.assign(columns, 0);
    m_row.assign(columns, 0.0);
    m_decorations.assign(columns, 0);
    m_first_missing.assign(columns, {});
    m_last_missing.assign(columns, {});
}

void CsvLoader::settle_decimal()
{
    if (m_csv.decimal == 0) {
        m_csv.decimal = '.';
        if (m_tokenizer.delimiter() != ',') {
            // Cells that read as numbers only with a decimal comma, and cells that need a decimal point.
            const NumberFormat comma{',', '\0', true, true};
            const NumberFormat point{'.', '\0', true, true};
            std::size_t comma_cells = 0;
            std::size_t point_cells = 0;
            std::string example;
            std::size_t example_line = 0;
            for (const CsvRecord& row : m_sample)
                for (std::size_t c = 0; c < m_field_of.size(); ++c) {
                    const std::size_t f = m_field_of[c];
                    if (f >= row.fields.size())
                        continue;
                    const std::string_view text = trim_blanks(row.field(f));
                    const bool as_comma = parse_number_cell(text, comma).status == CellStatus::Number;
                    const bool as_point = parse_number_cell(text, point).status == CellStatus::Number;
                    if (as_comma && !as_point && text.find(',') != std::string_view::npos) {
                        if (comma_cells++ == 0) {
                            example = std::string(text);
                            example_line = row.fields[f].line;
                        }
                    } else if (as_point && !as_comma) {
                        ++point_cells;
                    }
                }
            if (comma_cells > 0 && point_cells == 0) {
                m_csv.decimal = ',';
                note({"Numbers are written with a decimal comma (" + quote_for_message(example) + " on line " +
                          std::to_string(example_line) + " in a " + delimiter_word(m_tokenizer.delimiter()) +
                          "-delimited file); read as ",
                      SettingRef{"decimal", ","}, "."});
            }
        }
    }
    const char group = thousands_char(m_csv.thousands);
    if (group != '\0' && group == m_csv.decimal)
        throw SettingError({SettingRef{"thousands"}, std::string(": the thousands separator '") + group +
                                                         "' cannot also be the decimal separator; choose ",
                            SettingRef{"decimal", group == ',' ? "." : ","}, "."});
    m_number = NumberFormat{m_csv.decimal, group, m_csv.thousands == Thousands::Auto, true};
}

void CsvLoader::settle_time()
{
    if (m_csv.time_column) {
        if (m_csv.time_column->empty())
            return;
        const int index = m_frame.find(*m_csv.time_column);
        if (index < 0)
            throw SettingError({m_frame.path + ":" + std::to_string(m_report.header_line) + ": there is no time column " +
                                    quote_for_message(*m_csv.time_column) + near_match(*m_csv.time_column) +
                                    "; the columns are " + join_names(m_frame.columns) + "; name one with ",
                                SettingRef{"time-column"}, ", or ", SettingRef{"time-column", "none"}, "."});
        if (m_used[std::size_t(index)])
            throw Error(m_frame.path + " (column " + quote_for_message(*m_csv.time_column) +
                        "): the time column cannot also be used as a number.");
        try_time_field(m_field_of[std::size_t(index)], false);
        return;
    }
    for (std::size_t c = 0; c < m_field_of.size(); ++c)
        if (!m_used[c] && try_time_field(m_field_of[c], true))
            return;
}

// Takes `field` as the time axis if its sample cells are times; `automatic`: the column was not named
// by the user, so a column that does not fit is skipped (returns false) rather than refused.
bool CsvLoader::try_time_field(std::size_t field, bool automatic)
{
    std::vector<std::pair<std::string_view, std::size_t>> cells;  // non-missing cells and their lines
    for (const CsvRecord& row : m_sample)
        if (field < row.fields.size() && !is_missing_token(row.field(field)))
            cells.emplace_back(trim_blanks(row.field(field)), row.fields[field].line);
    const std::size_t column = std::size_t(std::find(m_field_of.begin(), m_field_of.end(), field) - m_field_of.begin());
    const std::string& name = m_field_names[field];
    if (cells.empty()) {
        if (!automatic)
            fail(m_sample[0].fields.size() > field ? m_sample[0].fields[field].line : m_sample[0].line, field,
                 {"the time column holds no times in its first rows; name another with ", SettingRef{"time-column"}, ", or ",
                  SettingRef{"time-column", "none"}, "."});
        return false;
    }
    const auto all_parse = [&](TimeSyntax syntax) -> const std::pair<std::string_view, std::size_t>* {
        for (const auto& cell : cells)
            if (!parse_time_syntax(syntax, m_csv.time_pattern, cell.first))
                return &cell;
        return nullptr;
    };
    auto take = [&](TimeSyntax syntax, bool name_guess, const std::string& why) {
        m_time_field = int(field);
        m_syntax = syntax;
        m_name_guess = name_guess;
        m_frame.time.column = int(column);
        m_frame.time.format = parse_time_syntax(syntax, m_csv.time_pattern, cells[0].first)->value.format;
        m_frame.columns[column].kind = ColumnKind::Time;
        m_csv.time_column = name;
        m_csv.time_syntax = syntax;
        note("Time column " + quote_for_message(name) + ": " + time_syntax_description(syntax, m_csv.time_pattern) + why + ".");
        return true;
    };

    if (m_csv.time_syntax != TimeSyntax::Auto) {
        const auto* bad = all_parse(m_csv.time_syntax);
        if (!bad)
            return take(m_csv.time_syntax, false, "");
        if (automatic)
            return false;
        fail(bad->second, field,
             {quote_for_message(bad->first) + " is not a time in the format " +
                  time_syntax_description(m_csv.time_syntax, m_csv.time_pattern) + "; give its format with ",
              SettingRef{"time-format"}, "."});
    }
    // The first cell decides the family (as a spreadsheet would); a later cell of another shape is
    // then an error naming its line, not a silent switch to "no time column".
    if (parse_time_syntax(TimeSyntax::ISO, "", cells[0].first))
        return take(TimeSyntax::ISO, false, "");
    if (numeric_date_parts(cells[0].first)) {
        const std::pair<std::string_view, std::size_t>* day_first = nullptr;
        const std::pair<std::string_view, std::size_t>* month_first = nullptr;
        for (const auto& cell : cells) {
            const auto parts = numeric_date_parts(cell.first);
            if (parts && parts->first > 12 && !day_first)
                day_first = &cell;
            if (parts && parts->second > 12 && !month_first)
                month_first = &cell;
        }
        const auto settled = [](const std::pair<std::string_view, std::size_t>* by) {
            return ", settled by " + quote_for_message(by->first) + " on line " + std::to_string(by->second);
        };
        if (day_first && !month_first)
            return take(TimeSyntax::DMY, false, settled(day_first));
        if (month_first && !day_first)
            return take(TimeSyntax::MDY, false, settled(month_first));
        if (!day_first)
            fail(cells[0].second, field,
                 {"the dates from " + quote_for_message(cells.front().first) + " to " + quote_for_message(cells.back().first) +
                      " read both day first and month first (no day above 12 in the first " + std::to_string(cells.size()) +
                      " rows); add ",
                  SettingRef{"time-format", "DMY"}, " or ", SettingRef{"time-format", "MDY"}, "."});
        fail(month_first->second, field,
             {quote_for_message(month_first->first) + " is month first but " + quote_for_message(day_first->first) +
                  " on line " + std::to_string(day_first->second) + " is day first; give the format with ",
              SettingRef{"time-format"}, "."});
    }
    const bool integers = std::all_of(cells.begin(), cells.end(), [](const auto& cell) { return is_integer_text(cell.first); });
    if (integers && (!automatic || is_time_like_name(name))) {
        std::vector<std::int64_t> values;
        for (const auto& cell : cells)
            values.push_back(*parse_time_index(cell.first));
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        const bool eight_digits = std::all_of(cells.begin(), cells.end(), [](const auto& cell) { return cell.first.size() == 8; });
        if (eight_digits && !all_parse(TimeSyntax::YMD))
            return take(TimeSyntax::YMD, false, "");
        if (*low >= 1000000000LL && *high < 100000000000LL)
            return take(TimeSyntax::UnixSeconds, false, "");
        if (*low >= 1000000000000LL && *high < 100000000000000LL)
            return take(TimeSyntax::UnixMillis, false, "");
        const auto step = std::adjacent_find(values.begin(), values.end(), [](auto a, auto b) { return b <= a; });
        if (step == values.end() || !automatic)
            return take(TimeSyntax::Index, automatic, "");
        const auto& bad = cells[std::size_t(step - values.begin()) + 1];
        note("Column " + quote_for_message(name) + " is named like a time but its integers do not increase (" +
             quote_for_message(bad.first) + " on line " + std::to_string(bad.second) + "); it is not the time axis.");
        return false;
    }
    if (!automatic) {
        if (!all_parse(TimeSyntax::YMD))
            return take(TimeSyntax::YMD, false, "");
        fail(cells[0].second, field,
             {quote_for_message(cells[0].first) + " is not a date this reader recognises (ISO, DD/MM/YYYY, MM/DD/YYYY, "
                                                  "YYYYMMDD, Unix time or an integer index); give its format with ",
              SettingRef{"time-format"}, ", e.g. ", SettingRef{"time-format", "'%d.%m.%Y %H:%M'"}, "."});
    }
    return false;
}

} // namespace lstmlab
