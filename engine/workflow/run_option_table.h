// The option table: every setting of a training run -- data, model, training -- in one place.
//
// Each entry is one setting as every front end sees it:
//   name         the key of sweep files, experiment files and checkpoints, and the CLI flag without
//                "--" ("seq-len");
//   group        model, data or training (the part of RunOptions it sets);
//   cli_list     which of the CLI's shared option lists shows it (`lstmlab-cli help train`), or none
//                (target and features are listed by each command; hidden-size and layers are for sweeps);
//   placeholder, help   the CLI's help line: `--seq-len T  window length in rows, ...`;
//   label        the workbench's name for it: the label of its form field ("Sequence length T");
//   kind, min, max, values   the value it takes: a number or whole number in [min, max], one of `values`
//                (value_labels: how the workbench's form lists them, "drop rows" for drop);
//   apply        how its text sets a RunOptions (nullptr: make_run_options sets it together with others,
//                as preset, hidden, hidden-size, layers, target, features and the transforms).
// make_run_options (run_options.h) applies the entries; the CLI builds its option lists and help from
// them; the sweep file reader checks keys against them; the workbench writes sweep files by their kind
// and words engine errors (SettingError) by their label.
#pragma once

#include <string>
#include <vector>

namespace lstmlab {

struct RunOptions;

enum class OptionGroup { model, data, training };
enum class CliList { none, model, data, import, training };
// flag: "" or true/false; whole/number: in [min, max]; seed: 0..2^64-1; choice: one of values;
// text: free text (a column name, a pattern); list: comma-separated items (split, features);
// whole_list: comma-separated whole numbers in [min, max] (hidden "64,32").
enum class OptionKind { flag, whole, number, seed, choice, text, list, whole_list };

struct RunOption {
    std::string name;
    OptionGroup group;
    CliList cli_list;
    OptionKind kind;
    std::string placeholder;
    std::string help;
    std::string label;
    double min = 0;
    double max = 0;
    std::vector<std::string> values;
    void (*apply)(RunOptions& run, const RunOption& option, const std::string& text) = nullptr;
    std::vector<std::string> value_labels;   // the workbench's texts of `values`, when its form lists them

    bool flag() const { return kind == OptionKind::flag; }
};

// Every run option, in the order of the CLI's help within each list.
const std::vector<RunOption>& run_option_table();
// The entry called `name`, or nullptr.
const RunOption* find_run_option(const std::string& name);
bool is_run_option(const std::string& name);
// The workbench's label of `name`: the table's, or that of an evaluation setting (folds, window, jobs,
// cost-bps, periods-per-year, interval, season); the name itself for an unknown key.
std::string run_option_label(const std::string& name);

// The value of `text` for `option`, checked against its kind and range (SettingError naming it).
double option_number(const RunOption& option, const std::string& text);
int option_whole(const RunOption& option, const std::string& text);
bool option_flag(const RunOption& option, const std::string& text);
const std::string& option_choice(const RunOption& option, const std::string& text);
std::vector<std::string> option_list(const RunOption& option, const std::string& text);

} // namespace lstmlab
