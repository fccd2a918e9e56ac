#include "engine/core/json_locate.h"

#include <string>
#include <vector>

namespace lstmlab {
namespace {

struct Step {
    bool is_index = false;
    std::string key;
    std::size_t index = 0;
};

std::optional<std::vector<Step>> split_path(std::string_view path)
{
    std::vector<Step> steps;
    std::size_t k = 0;
    while (k < path.size()) {
        if (path[k] == '[') {
            const std::size_t close = path.find(']', k);
            if (close == std::string_view::npos || close == k + 1)
                return std::nullopt;
            Step step;
            step.is_index = true;
            for (std::size_t d = k + 1; d < close; ++d) {
                if (path[d] < '0' || path[d] > '9')
                    return std::nullopt;
                step.index = step.index * 10 + std::size_t(path[d] - '0');
            }
            steps.push_back(step);
            k = close + 1;
            if (k < path.size() && path[k] == '.')
                ++k;
        } else {
            const std::size_t end = path.find_first_of(".[", k);
            Step step;
            step.key = std::string(path.substr(k, end == std::string_view::npos ? std::string_view::npos : end - k));
            steps.push_back(step);
            k = end == std::string_view::npos ? path.size() : end + (path[end] == '.' ? 1 : 0);
        }
    }
    return steps;
}

// A minimal walker over text already known to be valid JSON.
class Walker {
public:
    Walker(std::string_view text, std::size_t start) : m_text(text), m_start(start), m_pos(start) {}

    void skip_space()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                                         m_text[m_pos] == '\r'))
            ++m_pos;
    }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    // Reads a string token and returns its raw content (escapes kept; keys here are plain).
    std::string read_string()
    {
        std::string out;
        ++m_pos;   // opening quote
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
                out += m_text[m_pos];
                ++m_pos;
            }
            out += m_text[m_pos];
            ++m_pos;
        }
        ++m_pos;   // closing quote
        return out;
    }

    void skip_value()
    {
        skip_space();
        const char c = peek();
        if (c == '"') {
            read_string();
        } else if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_pos;
            skip_space();
            if (peek() == close) {
                ++m_pos;
                return;
            }
            while (true) {
                if (c == '{') {
                    skip_space();
                    read_string();
                    skip_space();
                    ++m_pos;   // ':'
                }
                skip_value();
                skip_space();
                if (peek() == ',') {
                    ++m_pos;
                    continue;
                }
                ++m_pos;   // close
                return;
            }
        } else {
            while (m_pos < m_text.size() && std::string_view(",]} \t\r\n").find(m_text[m_pos]) == std::string_view::npos)
                ++m_pos;
        }
    }

    // Moves to the value selected by `step` inside the container at the current position.
    bool enter(const Step& step)
    {
        skip_space();
        const char c = peek();
        if (step.is_index ? c != '[' : c != '{')
            return false;
        ++m_pos;
        skip_space();
        if (peek() == (c == '{' ? '}' : ']'))
            return false;
        for (std::size_t item = 0;; ++item) {
            skip_space();
            bool match = false;
            if (c == '{') {
                match = read_string() == step.key;
                skip_space();
                ++m_pos;   // ':'
            } else {
                match = item == step.index;
            }
            skip_space();
            if (match)
                return true;
            skip_value();
            skip_space();
            if (peek() != ',')
                return false;
            ++m_pos;
        }
    }

    TextPosition position() const
    {
        TextPosition p;
        for (std::size_t k = m_start; k < m_pos && k < m_text.size(); ++k) {
            const auto byte = static_cast<unsigned char>(m_text[k]);
            if (byte == '\n') {
                ++p.line;
                p.column = 1;
            } else if ((byte & 0xC0) != 0x80) {   // count characters, not UTF-8 continuation bytes
                ++p.column;
            }
        }
        return p;
    }

private:
    std::string_view m_text;
    std::size_t m_start;   // after a byte order mark, which editors do not show
    std::size_t m_pos;
};

} // namespace

std::optional<TextPosition> locate_json_path(std::string_view text, std::string_view path)
{
    const auto steps = split_path(path);
    if (!steps)
        return std::nullopt;
    Walker walker(text, text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    for (const Step& step : *steps)
        if (!walker.enter(step))
            return std::nullopt;
    walker.skip_space();
    return walker.position();
}

} // namespace lstmlab
