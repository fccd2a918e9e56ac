// Arguments: argv of one lstmlab-cli command, checked against the options the command accepts.
//
// Options are `--name value`, `--name=value` or a bare `--flag`. Parsing never exits the process
// (unlike QCommandLineParser::process): every problem throws UsageError with one sentence naming the
// option, and the CLI turns it into exit code 2 before anything is created.
#pragma once

#include "engine/core/error.h"
#include "engine/core/number_parse.h"

#include <map>
#include <optional>
#include <string>
#include <vector>
#include <utility>

namespace lstmlab::cli {

// A problem with how the command was called: exit code 2.
class UsageError : public Error {
public:
    using Error::Error;
};

struct OptionSpec {
    OptionSpec(std::string name_, bool takes_value_ = true, std::string placeholder_ = "", std::string help_ = "",
               std::vector<std::string> values_ = {})
        : name(std::move(name_)), takes_value(takes_value_), placeholder(std::move(placeholder_)),
          help(std::move(help_)), values(std::move(values_))
    {
    }
    std::string name;        // without "--"
    bool takes_value = true;
    std::string placeholder; // "FILE.csv", "N", "lstm|gru" (the values, when they are a fixed set); empty for a flag
    std::string help;
    std::vector<std::string> values;   // the fixed set of values when the placeholder does not list them
};

// The fixed set of values `spec` takes: its `values`, else the items of a placeholder "a|b|c"; empty
// when it takes any value. Shell completion offers them.
std::vector<std::string> option_values(const OptionSpec& spec);

class Arguments {
public:
    // Throws UsageError for unknown options (suggesting the nearest known one), a missing value,
    // an option given twice, or a stray positional argument.
    Arguments(const std::string& command, const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

    const std::string& command() const { return m_command; }
    // The words a command takes before its options (sweep-trial TRIALS_DIR N), set by the CLI.
    const std::vector<std::string>& operands() const { return m_operands; }
    void set_operands(std::vector<std::string> operands) { m_operands = std::move(operands); }
    bool has(const std::string& name) const;
    bool flag(const std::string& name) const { return has(name); }
    // The value of an option that must be present: `train: --data is required`.
    const std::string& required(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;

    // Typed reads with range checks; the default applies when the option is absent.
    int integer(const std::string& name, int fallback, int min, int max) const;
    double number(const std::string& name, double fallback, double min, double max) const;
    std::string choice(const std::string& name, const std::string& fallback,
                       const std::vector<std::string>& allowed) const;
    // "64,32" -> {64, 32}, every value within [min, max].
    std::vector<int> integer_list(const std::string& name, const std::vector<int>& fallback, int min, int max) const;
    std::vector<double> number_list(const std::string& name, const std::vector<double>& fallback) const;
    std::vector<std::string> string_list(const std::string& name) const;
    // An existing readable regular file: `--data: no such file "x.csv"`. A FIFO, socket or device
    // (also /dev/stdin fed by a pipe) is refused before it is opened; /dev/stdin redirected from a
    // file (`< data.csv`) is that file and is read whole.
    std::string existing_file(const std::string& name) const;

private:
    std::string m_command;
    std::map<std::string, std::string> m_values;   // flags map to ""
    std::vector<std::string> m_operands;
};

// Numbers are parsed everywhere by engine/core/number_parse.h (parse_number, parse_integer).

} // namespace lstmlab::cli
