#include "app/cli/commands.h"

namespace lstmlab::cli {

std::vector<Command> all_commands()
{
    return {inspect_command(), summary_command(), train_command(), predict_command(), evaluate_command(),
            sweep_command(), bench_command()};
}

} // namespace lstmlab::cli
