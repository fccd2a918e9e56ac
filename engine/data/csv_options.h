// CsvOptions: how the bytes of a CSV become a table -- one set of import options shared by the CLI
// flags, the workbench's import dialog and the checkpoint's pipeline (so that predict, evaluate and
// train --resume read new data exactly as training did).
//
//   option         CLI text                                   default
//   delimiter      auto | , | ; | tab | '|'                   auto (the one used consistently by the first lines)
//   decimal        auto | . | ,                               auto ('.', or ',' for a ';'/tab file whose
//                                                             numbers use ',' as their only separator)
//   thousands      auto | none | , | . | space | '            auto (strict 3-digit groups with the separator
//                                                             that is not the decimal: 1,234.5 or 1.234,5)
//   time-column    auto | none | NAME                         auto
//   time-format    auto | ISO | DMY | MDY | YMD | unix-s | unix-ms | index | a strftime pattern (%d.%m.%Y)
//   duplicates     error | first | last | mean                error (a repeated time names both lines)
//   encoding       utf8 | latin1                              utf8 (latin1 decodes Windows-1252 / ISO-8859-1)
// Cells of number columns also accept a currency sign ($ EUR GBP JPY INR signs, before or after the
// number) and a trailing percent sign, read as a fraction: "1.5%" is 0.015.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lstmlab {

enum class Thousands { Auto, None, Comma, Dot, Space, Apostrophe };
enum class TimeSyntax { Auto, ISO, DMY, MDY, YMD, UnixSeconds, UnixMillis, Index, Pattern };
enum class DuplicatePolicy { Error, First, Last, Mean };
enum class Encoding { Utf8, Latin1 };

struct CsvOptions {
    char delimiter = 0;                      // 0 = auto; ',' ';' '\t' '|'
    char decimal = 0;                        // 0 = auto; '.' ','
    Thousands thousands = Thousands::Auto;
    std::optional<std::string> time_column;  // nullopt = auto; "" = none; else the column's name
    TimeSyntax time_syntax = TimeSyntax::Auto;
    std::string time_pattern;                // for TimeSyntax::Pattern
    DuplicatePolicy duplicates = DuplicatePolicy::Error;
    Encoding encoding = Encoding::Utf8;

    bool operator==(const CsvOptions&) const = default;
};

// The option names, without "--", in the order of the table above.
const std::vector<std::string>& csv_option_names();
bool is_csv_option(std::string_view name);

// Sets one option from its CLI text; throws Error "--decimal: \"x\" is not ..." naming the choices.
void set_csv_option(CsvOptions& options, std::string_view name, std::string_view text);

// The CLI text of one option's value ("auto", ";", "tab", "DMY", "%d.%m.%Y", ...).
std::string csv_option_text(const CsvOptions& options, std::string_view name);

// Every option as (name, text), in table order.
std::vector<std::pair<std::string, std::string>> csv_option_values(const CsvOptions& options);

// The flags that reproduce `options`, shell-quoted where needed:
// "--delimiter ';' --decimal , --thousands auto --time-column Date --time-format DMY ...".
std::string csv_options_command_line(const CsvOptions& options);

// The separator character of a Thousands choice ('\0' for Auto and None; ' ' for Space).
char thousands_char(Thousands thousands);

std::string_view time_syntax_name(TimeSyntax syntax);
std::string_view duplicate_policy_name(DuplicatePolicy policy);

} // namespace lstmlab
