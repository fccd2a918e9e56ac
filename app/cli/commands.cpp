#include "app/cli/commands.h"

namespace lstmlab::cli {

std::vector<Command> all_commands()
{
    return {inspect_command(), summary_command(), bench_command()};
}

} // namespace lstmlab::cli
