#include "app/cli/arguments.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lstmlab::cli {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::vector<std::string> option_values(const OptionSpec& spec)
{
    std::vector<std::string> values;
    if (!spec.values.empty() || spec.placeholder.find('|') == std::string::npos)
        return spec.values;
    std::string item;
    std::istringstream stream(spec.placeholder);
    while (std::getline(stream, item, '|'))
        values.push_back(item);
    return values;
}

Arguments::Arguments(const std::string& command, const std::vector<std::string>& argv,
                     const std::vector<OptionSpec>& specs)
    : m_command(command)
{
    for (std::size_t k = 0; k < argv.size(); ++k) {
        const std::string& word = argv[k];
        if (word.rfind("--", 0) != 0 || word.size() == 2)
            throw UsageError("unexpected argument \"" + word + "\" (options start with --)");
        std::string name = word.substr(2);
        std::optional<std::string> inline_value;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inline_value = name.substr(equals + 1);
            name.resize(equals);
        }
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
        if (spec == specs.end()) {
            std::string nearest;
            std::size_t best = 3;
            for (const OptionSpec& s : specs)
                if (const std::size_t d = edit_distance(name, s.name); d < best) {
                    best = d;
                    nearest = s.name;
                }
            throw UsageError("unknown option --" + name +
                             (nearest.empty() ? "" : " (did you mean --" + nearest + "?)") +
                             "; see lstmlab-cli help " + command);
        }
        if (m_values.count(name))
            throw UsageError("option --" + name + " is given twice");
        if (!spec->takes_value) {
            if (inline_value)
                throw UsageError("option --" + name + " is a flag and takes no value");
            m_values[name] = "";
            continue;
        }
        if (inline_value) {
            m_values[name] = *inline_value;
        } else {
            if (k + 1 >= argv.size() || (argv[k + 1].rfind("--", 0) == 0 && argv[k + 1].size() > 2 &&
                                         !parse_number(argv[k + 1])))
                throw UsageError("option --" + name + " needs a value (" + spec->placeholder + ")");
            m_values[name] = argv[++k];
        }
    }
}

bool Arguments::has(const std::string& name) const { return m_values.count(name) > 0; }

const std::string& Arguments::required(const std::string& name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        throw UsageError("--" + name + " is required");
    return it->second;
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

int Arguments::integer(const std::string& name, int fallback, int min, int max) const
{
    const auto text = value(name);
    try {
        return text ? checked_integer(name, *text, min, max) : fallback;
    } catch (const SettingError& error) {
        throw UsageError(error.what());
    }
}

double Arguments::number(const std::string& name, double fallback, double min, double max) const
{
    const auto text = value(name);
    try {
        return text ? checked_number(name, *text, min, max) : fallback;
    } catch (const SettingError& error) {
        throw UsageError(error.what());
    }
}

std::string Arguments::choice(const std::string& name, const std::string& fallback,
                              const std::vector<std::string>& allowed) const
{
    const auto text = value(name);
    if (!text)
        return fallback;
    if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
        std::string list;
        for (std::size_t k = 0; k < allowed.size(); ++k)
            list += (k == 0 ? "" : k + 1 == allowed.size() ? " or " : ", ") + allowed[k];
        throw UsageError("--" + name + ": \"" + *text + "\" is not one of " + list);
    }
    return *text;
}

std::vector<std::string> Arguments::string_list(const std::string& name) const
{
    std::vector<std::string> items;
    const auto text = value(name);
    if (!text)
        return items;
    std::string item;
    std::istringstream stream(*text);
    while (std::getline(stream, item, ','))
        items.push_back(item);
    if (text->empty() || text->back() == ',')
        items.push_back("");
    for (const std::string& entry : items)
        if (entry.empty())
            throw UsageError("--" + name + ": \"" + *text + "\" has an empty item");
    return items;
}

std::vector<int> Arguments::integer_list(const std::string& name, const std::vector<int>& fallback, int min,
                                         int max) const
{
    if (!has(name))
        return fallback;
    std::vector<int> values;
    try {
        for (const std::string& item : string_list(name))
            values.push_back(checked_integer(name, item, min, max));
    } catch (const SettingError& error) {
        throw UsageError(error.what());
    }
    return values;
}

std::vector<double> Arguments::number_list(const std::string& name, const std::vector<double>& fallback) const
{
    if (!has(name))
        return fallback;
    std::vector<double> values;
    for (const std::string& item : string_list(name)) {
        const auto parsed = parse_number(item);
        if (!parsed)
            throw UsageError("--" + name + ": \"" + item + "\" is not a number");
        values.push_back(*parsed);
    }
    return values;
}

std::string Arguments::existing_file(const std::string& name) const
{
    const std::string& path = required(name);
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        throw UsageError("--" + name + ": no such file \"" + path + "\"");
    if (std::filesystem::is_directory(path, error))
        throw UsageError("--" + name + ": \"" + path + "\" is a directory, not a file");
    // Checked before opening: opening a FIFO blocks until a writer appears, and a pipe is read once.
    if (!std::filesystem::is_regular_file(path, error))
        throw UsageError("--" + name + ": \"" + path + "\" is not a regular file (a pipe, a device or a socket, "
                         "as /dev/stdin is when fed by a pipe); save the content to a file and give that file");
    if (!std::ifstream(path).good())
        throw UsageError("--" + name + ": cannot read \"" + path + "\"");
    return path;
}

} // namespace lstmlab::cli
