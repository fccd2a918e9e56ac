// CsvLoader: the state of one load_csv call (internal to engine/data). csv_load.cpp reads the rows,
// csv_detect.cpp settles the `auto` import options from a sample of the first rows.
//
// Fields and columns: the file has `m_field_count` fields per record (header order); the Frame keeps
// the columns that are not skipped (a pandas/R index column, a trailing empty column), and
// m_field_of[c] is the file field of Frame column c.
#pragma once

#include "engine/data/cell_parse.h"
#include "engine/core/setting_error.h"
#include "engine/data/csv_load.h"
#include "engine/data/time_syntax.h"

#include <string>
#include <vector>

namespace lstmlab {

// "Open, High, Close": column names for messages, each made printable (csv_load.cpp).
std::string join_names(const std::vector<Column>& columns);

class CsvLoader {
public:
    CsvLoader(const std::string& path, const LoadOptions& options);
    LoadResult run();

    static constexpr std::size_t sample_rows = 1000;

private:
    // csv_detect.cpp
    void read_header();
    void read_sample();
    void settle_layout();
    void settle_decimal();
    void settle_time();
    bool try_time_field(std::size_t field, bool by_name_only);
    void note(std::string sentence) { note(std::vector<SettingPiece>{std::move(sentence)}); }
    void note(std::vector<SettingPiece> sentence)
    {
        m_report.notes.push_back(word_setting_pieces(sentence, cli_setting_words));
        m_report.note_pieces.push_back(std::move(sentence));
    }

    // csv_load.cpp
    void decode(CsvRecord& record) const
    {
        if (m_csv.encoding == Encoding::Latin1)
            decode_latin1(record);
    }
    void decode_latin1(CsvRecord& record) const;
    void check_utf8(std::string_view text, std::size_t line, std::size_t field) const;
    void mark_used_columns();
    std::string near_match(std::string_view name) const;
    void reserve();
    void add_row(const CsvRecord& record);
    bool read_time(const CsvRecord& record, std::int64_t& key, bool& drop);
    bool order_time(const CsvRecord& record, std::int64_t key);  // false: the row repeats the previous time
    void demote_time(std::size_t line, const std::string& why);
    void merge_row(const CsvRecord& record);
    void push_row(const CsvRecord& record, bool have_key, std::int64_t key);
    void settle_previous_label(const CsvRecord& record, bool kept);
    std::string_view previous_label() const
    {
        return m_previous_label_kept ? m_frame.time.label(m_frame.time.label_ends.size() - 1)
                                     : std::string_view(m_previous_label);
    }
    void demote_to_text(std::size_t column, std::string_view text, std::size_t line);
    void finish();
    void reverse_rows();
    void fill_forward();
    void note_decorations();
    std::string field_name(std::size_t field) const;
    [[noreturn]] void fail(std::size_t line, std::size_t field, const std::string& reason) const
    {
        throw Error(m_tokenizer.where(line, field) + reason);
    }
    // A reason that names settings (SettingRef{"missing", "drop"}).
    [[noreturn]] void fail(std::size_t line, std::size_t field, std::vector<SettingPiece> reason) const
    {
        reason.insert(reason.begin(), m_tokenizer.where(line, field));
        throw SettingError(std::move(reason));
    }

    const LoadOptions& m_options;
    CsvOptions m_csv;                    // the options being settled (-> LoadReport::effective)
    CsvTokenizer m_tokenizer;
    Frame m_frame;
    LoadReport m_report;
    CsvRecord m_header;
    std::vector<CsvRecord> m_sample;     // the first data rows, read before any is kept
    std::size_t m_field_count = 0;
    std::vector<std::string> m_field_names;
    std::vector<std::size_t> m_field_of; // per Frame column: its file field
    int m_index_field = -1;              // a skipped pandas/R index field
    std::int64_t m_index_base = 0;       // its first value (0 or 1)
    int m_trailing_field = -1;           // a skipped trailing empty field
    bool m_extra_empty_field = false;    // data rows may end with one more, empty, field than the header
    NumberFormat m_number;
    std::vector<char> m_used;            // per column
    std::vector<double> m_row;           // per column: the row being assembled
    std::vector<unsigned> m_decorations; // per column: CellDecoration bits seen
    struct MissingCell {
        std::string text;
        std::size_t line = 0;
    };
    std::vector<MissingCell> m_first_missing, m_last_missing;  // per column, for forward fill messages

    // Time axis.
    int m_time_field = -1;
    TimeSyntax m_syntax = TimeSyntax::Auto;
    bool m_name_guess = false;           // an integer column taken by its name: demoted, not refused
    int m_direction = 0;                 // +1 oldest first, -1 newest first, 0 not known yet
    bool m_had_previous_time = false;
    std::int64_t m_previous_key = 0;
    std::size_t m_previous_line = 0;
    // The previous time as written, for messages only: the frame's last label when that row was kept
    // (no copy per row), else a copy (a dropped row, or a kept label that a merge overwrote).
    std::string m_previous_label;
    bool m_previous_label_kept = false;
    bool m_previous_label_pending = false;   // order_time took this row's time; add_row settles where
    std::size_t m_group_size = 1;        // rows merged into the last kept row (duplicates mean)
    bool m_had_offset = false;
    std::size_t m_data_row = 0;          // data rows read so far (file order)
};

} // namespace lstmlab
