#include "app/cli/commands.h"

#include "app/cli/options.h"

#include <algorithm>

namespace lstmlab::cli {

std::vector<Command> all_commands()
{
    return {inspect_command(), summary_command(), train_command(), predict_command(), evaluate_command(), forecast_command(),
            backtest_command(), backtest_fold_command(), sweep_command(), sweep_trial_command(), sweep_status_command(), bench_command()};
}

std::string command_help(const Command& command)
{
    return "lstmlab-cli " + command.name + ": " + command.synopsis + "\n\n" +
           options_help(join({command.options, {{"help", false, "", "this text (also -h)"}}}));
}

bool asks_for_help(const std::vector<std::string>& words, const std::vector<OptionSpec>& options)
{
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (words[k] == "-h" || words[k] == "--help")
            return true;
        const auto option = std::find_if(options.begin(), options.end(),
                                         [&](const OptionSpec& o) { return "--" + o.name == words[k]; });
        if (option != options.end() && option->takes_value)
            ++k;   // its value
    }
    return false;
}

} // namespace lstmlab::cli
