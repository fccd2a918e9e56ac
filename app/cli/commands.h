// The commands of lstmlab-cli. Each declares the options it accepts and runs with them checked.
// A command writes its result to stdout, progress and errors to stderr, and returns the exit code.
#pragma once

#include "app/cli/arguments.h"

#include <functional>
#include <string>
#include <vector>

namespace lstmlab::cli {

struct Command {
    std::string name;
    std::string synopsis;                 // one line for the command list
    std::vector<OptionSpec> options;
    std::function<int(const Arguments&)> run;
    std::vector<std::string> operands;    // words before the options, by their placeholder: {"TRIALS_DIR", "N"}
                                          // (the synopsis shows them)
};

Command inspect_command();
Command summary_command();
Command bench_command();
Command train_command();
Command predict_command();
Command evaluate_command();
Command forecast_command();
Command backtest_command();
Command backtest_fold_command();
Command sweep_command();
Command sweep_trial_command();
Command sweep_status_command();

std::vector<Command> all_commands();

// What `lstmlab-cli help NAME` and `lstmlab-cli NAME --help` print: the synopsis and the options.
std::string command_help(const Command& command);
// True when `words` (a command's arguments) ask for its help: -h or --help where an option name may
// stand (not as the value of an option that takes one).
bool asks_for_help(const std::vector<std::string>& words, const std::vector<OptionSpec>& options);

} // namespace lstmlab::cli
