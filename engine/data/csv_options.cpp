#include "engine/data/csv_options.h"

#include "engine/core/ascii.h"
#include "engine/core/error.h"
#include "engine/core/setting_error.h"

#include <algorithm>
#include <array>

namespace lstmlab {
namespace {

constexpr std::array<TimeSyntax, 8> named_syntaxes = {TimeSyntax::Auto,        TimeSyntax::ISO,        TimeSyntax::DMY,
                                                      TimeSyntax::MDY,         TimeSyntax::YMD,        TimeSyntax::UnixSeconds,
                                                      TimeSyntax::UnixMillis,  TimeSyntax::Index};

[[noreturn]] void refuse(std::string_view name, std::string_view text, std::string_view choices)
{
    throw SettingError({SettingRef{std::string(name)}, ": \"" + std::string(text) + "\" is not one of " + std::string(choices) + "."});
}

std::string shell_quoted(const std::string& text)
{
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ',' || c == '.' ||
               c == '-' || c == '_' || c == '/' || c == ':' || c == '%';
    });
    if (plain)
        return text;
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

} // namespace

const std::vector<std::string>& csv_option_names()
{
    static const std::vector<std::string> names = {"delimiter",   "decimal",    "thousands", "time-column",
                                                   "time-format", "duplicates", "encoding"};
    return names;
}

bool is_csv_option(std::string_view name)
{
    const auto& names = csv_option_names();
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string_view time_syntax_name(TimeSyntax syntax)
{
    switch (syntax) {
    case TimeSyntax::Auto: return "auto";
    case TimeSyntax::ISO: return "ISO";
    case TimeSyntax::DMY: return "DMY";
    case TimeSyntax::MDY: return "MDY";
    case TimeSyntax::YMD: return "YMD";
    case TimeSyntax::UnixSeconds: return "unix-s";
    case TimeSyntax::UnixMillis: return "unix-ms";
    case TimeSyntax::Index: return "index";
    case TimeSyntax::Pattern: return "pattern";
    }
    return "auto";
}

std::string_view duplicate_policy_name(DuplicatePolicy policy)
{
    switch (policy) {
    case DuplicatePolicy::Error: return "error";
    case DuplicatePolicy::First: return "first";
    case DuplicatePolicy::Last: return "last";
    case DuplicatePolicy::Mean: return "mean";
    }
    return "error";
}

char thousands_char(Thousands thousands)
{
    switch (thousands) {
    case Thousands::Comma: return ',';
    case Thousands::Dot: return '.';
    case Thousands::Space: return ' ';
    case Thousands::Apostrophe: return '\'';
    case Thousands::Auto:
    case Thousands::None: break;
    }
    return '\0';
}

void set_csv_option(CsvOptions& options, std::string_view name, std::string_view text)
{
    if (name == "delimiter") {
        if (text == "auto")
            options.delimiter = 0;
        else if (text == "," || text == ";" || text == "|")
            options.delimiter = text[0];
        else if (text == "tab" || text == "\t")
            options.delimiter = '\t';
        else
            refuse(name, text, "auto, ',', ';', tab, '|'");
    } else if (name == "decimal") {
        if (text == "auto")
            options.decimal = 0;
        else if (text == "." || text == ",")
            options.decimal = text[0];
        else
            refuse(name, text, "auto, '.', ','");
    } else if (name == "thousands") {
        static const std::array<std::pair<std::string_view, Thousands>, 7> choices = {{{"auto", Thousands::Auto},
                                                                                        {"none", Thousands::None},
                                                                                        {",", Thousands::Comma},
                                                                                        {".", Thousands::Dot},
                                                                                        {"space", Thousands::Space},
                                                                                        {" ", Thousands::Space},
                                                                                        {"'", Thousands::Apostrophe}}};
        for (const auto& [word, value] : choices)
            if (text == word) {
                options.thousands = value;
                return;
            }
        refuse(name, text, "auto, none, ',', '.', space, \"'\"");
    } else if (name == "time-column") {
        if (text.empty())
            throw SettingError({SettingRef{"time-column"}, ": give a column name, auto or none."});
        if (text == "auto")
            options.time_column.reset();
        else if (text == "none")
            options.time_column = std::string();
        else
            options.time_column = std::string(text);
    } else if (name == "time-format") {
        for (TimeSyntax syntax : named_syntaxes)
            if (equals_ignoring_case(text, time_syntax_name(syntax))) {
                options.time_syntax = syntax;
                options.time_pattern.clear();
                return;
            }
        if (text.find('%') == std::string_view::npos)
            refuse(name, text, "auto, ISO, DMY, MDY, YMD, unix-s, unix-ms, index or a strftime pattern such as %d.%m.%Y");
        options.time_syntax = TimeSyntax::Pattern;
        options.time_pattern = std::string(text);
    } else if (name == "duplicates") {
        for (DuplicatePolicy policy : {DuplicatePolicy::Error, DuplicatePolicy::First, DuplicatePolicy::Last, DuplicatePolicy::Mean})
            if (text == duplicate_policy_name(policy)) {
                options.duplicates = policy;
                return;
            }
        refuse(name, text, "error, first, last, mean");
    } else if (name == "encoding") {
        if (equals_ignoring_case(text, "utf8") || equals_ignoring_case(text, "utf-8"))
            options.encoding = Encoding::Utf8;
        else if (equals_ignoring_case(text, "latin1") || equals_ignoring_case(text, "latin-1") ||
                 equals_ignoring_case(text, "windows-1252") || equals_ignoring_case(text, "cp1252"))
            options.encoding = Encoding::Latin1;
        else
            refuse(name, text, "utf8, latin1");
    } else {
        throw Error("unknown import option \"" + std::string(name) + "\".");
    }
}

std::string csv_option_text(const CsvOptions& options, std::string_view name)
{
    if (name == "delimiter")
        return options.delimiter == 0 ? "auto" : options.delimiter == '\t' ? "tab" : std::string(1, options.delimiter);
    if (name == "decimal")
        return options.decimal == 0 ? "auto" : std::string(1, options.decimal);
    if (name == "thousands") {
        switch (options.thousands) {
        case Thousands::Auto: return "auto";
        case Thousands::None: return "none";
        case Thousands::Space: return "space";
        default: return std::string(1, thousands_char(options.thousands));
        }
    }
    if (name == "time-column")
        return !options.time_column ? "auto" : options.time_column->empty() ? "none" : *options.time_column;
    if (name == "time-format")
        return options.time_syntax == TimeSyntax::Pattern ? options.time_pattern
                                                           : std::string(time_syntax_name(options.time_syntax));
    if (name == "duplicates")
        return std::string(duplicate_policy_name(options.duplicates));
    if (name == "encoding")
        return options.encoding == Encoding::Latin1 ? "latin1" : "utf8";
    throw Error("unknown import option \"" + std::string(name) + "\".");
}

std::vector<std::pair<std::string, std::string>> csv_option_values(const CsvOptions& options)
{
    std::vector<std::pair<std::string, std::string>> values;
    for (const std::string& name : csv_option_names())
        values.emplace_back(name, csv_option_text(options, name));
    return values;
}

std::string csv_options_command_line(const CsvOptions& options)
{
    std::string line;
    for (const auto& [name, text] : csv_option_values(options))
        line += (line.empty() ? "--" : " --") + name + " " + shell_quoted(text);
    return line;
}

} // namespace lstmlab
