// CsvTokenizer: a streaming RFC 4180 record reader over a file, with exact physical line numbers.
//
// What it accepts:
//   - fields separated by one delimiter, given or detected among ',' ';' tab and '|' from the first
//     lines (the candidate with the same non-zero count outside quotes on every sampled line wins);
//   - quoted fields ("a ""b"" c") that may hold delimiters and line breaks;
//   - line breaks LF, CRLF or CR, mixed freely; a UTF-8 byte-order mark (skipped);
//   - blank lines between records (skipped and counted; RFC 4180 has no use for them).
// What it rejects, with `file:line:column: reason` (column = 1-based field number, as a spreadsheet
// counts, named when set_column_names() was called): UTF-16/32 byte-order marks, NUL bytes, a quote
// inside an unquoted field, text after a closing quote, an unterminated quote (reported at the line
// where it opened), a field longer than CsvLimits::max_field_bytes, more than max_fields fields.
// The file is read in 1 MiB chunks; memory is bounded by the chunk plus the longest record.
// The progress callback runs once per chunk and cancels by returning false (throws Cancelled).
// A line holding nothing at all is blank; a single-column file therefore cannot mark a missing value
// with an empty line (use NA).
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

struct CsvLimits {
    std::size_t max_field_bytes = std::size_t(1) << 20;  // 1 MiB: far beyond any number or date
    std::size_t max_fields = 100000;                      // per record
};

// Called after each chunk read with the bytes read so far and the file size; return false to cancel.
using CsvProgress = std::function<bool(std::uint64_t bytes_read, std::uint64_t bytes_total)>;

struct CsvField {
    std::size_t begin = 0;  // [begin, end) in CsvRecord::text
    std::size_t end = 0;
    std::size_t line = 0;   // physical line (1-based) where the field starts
    bool quoted = false;
};

struct CsvRecord {
    std::string text;               // unescaped bytes of every field, back to back
    std::vector<CsvField> fields;
    std::size_t line = 0;           // physical line where the record starts
    std::size_t last_line = 0;      // physical line where it ends (differs after quoted line breaks)

    std::string_view field(std::size_t k) const
    {
        return std::string_view(text).substr(fields[k].begin, fields[k].end - fields[k].begin);
    }
};

// Line-break counts over record ends, for the load report.
struct LineEndingCounts {
    std::size_t lf = 0;
    std::size_t crlf = 0;
    std::size_t cr = 0;
};

struct CsvFileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

class CsvTokenizer {
public:
    // Opens `path` and reads its first chunk; throws Error for an unreadable, empty or UTF-16 file.
    // `delimiter` 0 detects it (detect_delimiter).
    explicit CsvTokenizer(const std::string& path, CsvLimits limits = {}, CsvProgress progress = {}, char delimiter = 0);
    ~CsvTokenizer();
    CsvTokenizer(const CsvTokenizer&) = delete;
    CsvTokenizer& operator=(const CsvTokenizer&) = delete;

    // Reads the next non-blank record into `record` (its buffers are reused); false at end of file.
    bool next(CsvRecord& record);

    // Lets later error messages say `(column "Close")`.
    void set_column_names(std::vector<std::string> names) { m_column_names = std::move(names); }

    // `file:line:column (column "Name"): reason` for field index `field` (0-based) at `line`.
    std::string where(std::size_t line, std::size_t field) const;

    // Rough number of records left, extrapolated from the line breaks in the buffered chunk.
    std::size_t estimate_remaining_records() const;

    const std::string& path() const { return m_path; }
    char delimiter() const { return m_delimiter; }
    bool had_utf8_bom() const { return m_had_bom; }
    std::uint64_t bytes_total() const { return m_bytes_total; }
    std::size_t blank_lines() const { return m_blank_lines; }
    std::size_t current_line() const { return m_line; }
    const LineEndingCounts& line_endings() const { return m_line_endings; }

private:
    bool refill();
    [[noreturn]] void fail(std::size_t line, std::size_t field, const std::string& reason) const;
    // Inline: it runs after every piece of every field; the refusal is out of line.
    void check_field_size(const CsvRecord& record, std::size_t field_begin, std::size_t field_line) const
    {
        if (record.text.size() - field_begin > m_limits.max_field_bytes)
            fail_field_size(record, field_line);
    }
    [[noreturn]] void fail_field_size(const CsvRecord& record, std::size_t field_line) const;
    void end_of_line(char c, bool ends_record);

    std::string m_path;
    CsvLimits m_limits;
    CsvProgress m_progress;
    std::unique_ptr<std::FILE, CsvFileCloser> m_file;
    std::vector<char> m_buffer;        // one chunk
    const char* m_pos = nullptr;       // next unread byte in m_buffer
    const char* m_end = nullptr;
    bool m_eof = false;
    bool m_after_cr = false;           // the last byte was a CR: a following LF belongs to it
    bool m_cr_ended_record = false;    // ... and that CR ended a record (CRLF counting)
    std::array<bool, 256> m_special{}; // bytes that end an unquoted run: delimiter, quote, CR, LF, NUL
    char m_delimiter = ',';
    bool m_had_bom = false;
    std::uint64_t m_bytes_total = 0;
    std::uint64_t m_bytes_read = 0;
    std::size_t m_line = 1;            // physical line of the next unread byte
    std::size_t m_blank_lines = 0;
    LineEndingCounts m_line_endings;
    std::vector<std::string> m_column_names;
};

// The delimiter among ',' ';' '\t' '|' that a sample of the file's first lines uses (',' if none).
char detect_delimiter(std::string_view sample, bool sample_is_whole_file);

} // namespace lstmlab
