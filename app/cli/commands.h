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
};

Command inspect_command();
Command summary_command();
Command bench_command();
Command train_command();
Command predict_command();
Command evaluate_command();
Command sweep_command();

std::vector<Command> all_commands();

} // namespace lstmlab::cli
