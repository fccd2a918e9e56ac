#include "engine/data/csv_tokenizer.h"

#include "engine/core/error.h"
#include "engine/data/cell_parse.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace lstmlab {
namespace {

constexpr std::size_t chunk_bytes = std::size_t(1) << 20;
constexpr int delimiter_sample_lines = 20;

std::string nul_reason()
{
    return "the file contains a NUL byte; it is binary or UTF-16, not a UTF-8 text CSV.";
}

} // namespace

char detect_delimiter(std::string_view sample, bool sample_is_whole_file)
{
    constexpr std::array<char, 4> candidates = {',', ';', '\t', '|'};
    std::array<std::vector<std::size_t>, 4> per_line;  // count of each candidate on each sampled line
    std::array<std::size_t, 4> current{};
    bool in_quotes = false;
    bool line_has_content = false;
    int lines = 0;
    auto finish_line = [&] {
        if (line_has_content) {
            for (std::size_t k = 0; k < candidates.size(); ++k)
                per_line[k].push_back(current[k]);
            ++lines;
        }
        current = {};
        line_has_content = false;
    };
    for (std::size_t i = 0; i < sample.size() && lines < delimiter_sample_lines; ++i) {
        const char c = sample[i];
        if (c == '"') {
            in_quotes = !in_quotes;  // a doubled quote toggles twice
            line_has_content = true;
            continue;
        }
        if (in_quotes)
            continue;
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < sample.size() && sample[i + 1] == '\n')
                ++i;
            finish_line();
            continue;
        }
        line_has_content = true;
        for (std::size_t k = 0; k < candidates.size(); ++k)
            current[k] += (c == candidates[k]);
    }
    if (sample_is_whole_file || lines == 0)
        finish_line();

    int best_consistent = -1;
    int best_any = -1;
    for (int k = 0; k < int(candidates.size()); ++k) {
        const auto& counts = per_line[k];
        if (counts.empty() || counts[0] == 0)
            continue;
        bool consistent = true;
        for (std::size_t count : counts)
            consistent = consistent && count == counts[0];
        if (consistent && (best_consistent < 0 || counts[0] > per_line[best_consistent][0]))
            best_consistent = k;
        if (best_any < 0 || counts[0] > per_line[best_any][0])
            best_any = k;
    }
    if (best_consistent >= 0)
        return candidates[best_consistent];
    return best_any >= 0 ? candidates[best_any] : ',';
}

CsvTokenizer::CsvTokenizer(const std::string& path, CsvLimits limits, CsvProgress progress, char delimiter)
    : m_path(path), m_limits(limits), m_progress(std::move(progress))
{
    std::error_code code;
    if (std::filesystem::is_directory(path, code))
        throw Error(path + ": is a directory, not a CSV file.");
    m_file.reset(std::fopen(path.c_str(), "rb"));
    if (!m_file)
        throw Error(path + ": cannot open the file (" + std::strerror(errno) + ").");
    const auto size = std::filesystem::file_size(path, code);
    m_bytes_total = code ? 0 : std::uint64_t(size);
    m_buffer.resize(chunk_bytes);
    if (!refill())
        throw Error(path + ": the file is empty; expected a header row and data rows.");

    const auto* bytes = reinterpret_cast<const unsigned char*>(m_pos);
    const std::size_t available = std::size_t(m_end - m_pos);
    if (available >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        throw Error(path + ":1:1: the file is UTF-16 encoded (it starts with a UTF-16 byte-order mark); "
                    "save it as UTF-8.");
    if (available >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        m_had_bom = true;
        m_pos += 3;
    }
    const bool whole_file = available < chunk_bytes;
    m_delimiter = delimiter ? delimiter : detect_delimiter(std::string_view(m_pos, std::size_t(m_end - m_pos)), whole_file);
    for (char special : {m_delimiter, '"', '\r', '\n', '\0'})
        m_special[static_cast<unsigned char>(special)] = true;
}

CsvTokenizer::~CsvTokenizer() = default;

bool CsvTokenizer::refill()
{
    if (m_eof)
        return false;
    const std::size_t got = std::fread(m_buffer.data(), 1, m_buffer.size(), m_file.get());
    if (got == 0) {
        if (std::ferror(m_file.get()))
            throw Error(m_path + ": read error after " + std::to_string(m_bytes_read) + " bytes.");
        m_eof = true;
        return false;
    }
    m_bytes_read += got;
    m_pos = m_buffer.data();
    m_end = m_pos + got;
    if (m_progress && !m_progress(m_bytes_read, std::max(m_bytes_total, m_bytes_read)))
        throw Cancelled();
    return true;
}

std::string CsvTokenizer::where(std::size_t line, std::size_t field) const
{
    std::string text = m_path + ":" + std::to_string(line) + ":" + std::to_string(field + 1);
    if (field < m_column_names.size())
        text += " (column " + quote_for_message(m_column_names[field]) + ")";
    return text + ": ";
}

void CsvTokenizer::fail(std::size_t line, std::size_t field, const std::string& reason) const
{
    throw Error(where(line, field) + reason);
}

void CsvTokenizer::fail_field_size(const CsvRecord& record, std::size_t field_line) const
{
    fail(field_line, record.fields.size(),
         "the field is longer than " + std::to_string(m_limits.max_field_bytes) + " bytes; is a quote unbalanced or the "
         "delimiter wrong?");
}

void CsvTokenizer::end_of_line(char c, bool ends_record)
{
    ++m_line;
    m_after_cr = (c == '\r');
    m_cr_ended_record = m_after_cr && ends_record;
    if (!ends_record)
        return;
    if (c == '\r')
        ++m_line_endings.cr;  // becomes CRLF if an LF follows
    else
        ++m_line_endings.lf;
}

std::size_t CsvTokenizer::estimate_remaining_records() const
{
    const std::string_view buffered(m_pos, std::size_t(m_end - m_pos));
    std::size_t breaks = 0;
    for (char c : buffered)
        breaks += (c == '\n');
    if (breaks == 0)
        for (char c : buffered)
            breaks += (c == '\r');
    if (breaks == 0)
        return 1;
    const std::uint64_t consumed = m_bytes_read - buffered.size();
    const std::uint64_t remaining = m_bytes_total > consumed ? m_bytes_total - consumed : buffered.size();
    return std::size_t(remaining / (buffered.size() / double(breaks))) + 1;
}

bool CsvTokenizer::next(CsvRecord& record)
{
    enum class State { FieldStart, Unquoted, Quoted, AfterQuote };
    record.text.clear();
    record.fields.clear();
    record.line = m_line;
    State state = State::FieldStart;
    bool started = false;  // the record has at least one byte
    std::size_t field_begin = 0;
    std::size_t field_line = m_line;
    bool field_quoted = false;

    auto push_field = [&] {
        if (record.fields.size() >= m_limits.max_fields)
            fail(field_line, record.fields.size(),
                 "the record has more than " + std::to_string(m_limits.max_fields) + " fields.");
        record.fields.push_back({field_begin, record.text.size(), field_line, field_quoted});
    };
    auto finish_record = [&](char c) {
        push_field();
        end_of_line(c, true);
        record.last_line = field_line;
        return true;
    };

    for (;;) {
        if (m_pos == m_end && !refill())
            break;
        if (m_after_cr) {  // the LF of a CRLF pair belongs to the line break already counted
            m_after_cr = false;
            if (*m_pos == '\n') {
                ++m_pos;
                if (state == State::Quoted)
                    record.text += '\n';
                if (m_cr_ended_record) {
                    --m_line_endings.cr;
                    ++m_line_endings.crlf;
                    m_cr_ended_record = false;
                }
                continue;
            }
        }
        switch (state) {
        case State::FieldStart: {
            const char c = *m_pos;
            field_begin = record.text.size();
            field_line = m_line;
            field_quoted = false;
            if (c == '\r' || c == '\n') {
                ++m_pos;
                if (started)
                    return finish_record(c);
                end_of_line(c, false);
                ++m_blank_lines;
                record.line = m_line;
                continue;
            }
            started = true;
            if (c == m_delimiter) {
                ++m_pos;
                push_field();
            } else if (c == '"') {
                ++m_pos;
                field_quoted = true;
                state = State::Quoted;
            } else if (c == '\0') {
                fail(m_line, record.fields.size(), nul_reason());
            } else {
                state = State::Unquoted;
            }
            continue;
        }
        case State::Unquoted: {
            const char* run = m_pos;
            while (run != m_end && !m_special[static_cast<unsigned char>(*run)])
                ++run;
            record.text.append(m_pos, run);
            check_field_size(record, field_begin, field_line);
            m_pos = run;
            if (run == m_end)
                continue;
            const char c = *m_pos++;
            if (c == m_delimiter) {
                push_field();
                state = State::FieldStart;
                continue;
            }
            if (c == '\r' || c == '\n')
                return finish_record(c);
            if (c == '"')
                fail(m_line, record.fields.size(),
                     "a quote inside an unquoted field; enclose the whole field in quotes and double the quotes "
                     "inside it.");
            fail(m_line, record.fields.size(), nul_reason());
        }
        case State::Quoted: {
            const char* run = m_pos;
            while (run != m_end && *run != '"' && *run != '\r' && *run != '\n' && *run != '\0')
                ++run;
            record.text.append(m_pos, run);
            check_field_size(record, field_begin, field_line);
            m_pos = run;
            if (run == m_end)
                continue;
            const char c = *m_pos++;
            if (c == '"') {
                state = State::AfterQuote;
            } else if (c == '\r' || c == '\n') {
                record.text += c;
                end_of_line(c, false);
            } else {
                fail(m_line, record.fields.size(), nul_reason());
            }
            continue;
        }
        case State::AfterQuote: {
            const char c = *m_pos++;
            if (c == '"') {
                record.text += '"';
                state = State::Quoted;
            } else if (c == m_delimiter) {
                push_field();
                state = State::FieldStart;
            } else if (c == '\r' || c == '\n') {
                return finish_record(c);
            } else {
                fail(m_line, record.fields.size(),
                     std::string("unexpected '") + (c == '\0' ? std::string("\\0") : std::string(1, c))
                         + "' after the closing quote; a quoted field must end at a delimiter or line break.");
            }
            continue;
        }
        }
    }
    if (state == State::Quoted)
        fail(field_line, record.fields.size(),
             "the quoted field that starts here is never closed (the file ends inside it).");
    if (!started)
        return false;
    push_field();
    record.last_line = field_line;
    return true;
}

} // namespace lstmlab
