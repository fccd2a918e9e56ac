// lstmlab-cli summary [model options] --features N --seq-len T [--horizon H]
// The layer table with output shapes and parameter counts: the tutorial's model_summary.
#include "app/cli/commands.h"
#include "app/cli/options.h"
#include "engine/nn/summary.h"

#include <iostream>

namespace lstmlab::cli {

Command summary_command()
{
    Command command;
    command.name = "summary";
    command.synopsis = "layer table of a model: output shapes, parameters, totals";
    command.options = join({model_options(),
                            {{"features", true, "N", "input features per step (required)"},
                             {"seq-len", true, "T", "window length (default 20)"},
                             {"horizon", true, "H", "outputs per window (default 1)"}}});
    command.run = [](const Arguments& args) {
        const int features = args.integer("features", 0, 1, 100000);
        if (!args.has("features"))
            throw UsageError("--features is required (the number of input columns)");
        const int sequence_length = args.integer("seq-len", 20, 1, 1000);
        const int horizon = args.integer("horizon", 1, 1, 100);
        const ModelSpec spec = model_spec_from(args, features, horizon);
        std::cout << summary_text(summarize(spec, sequence_length));
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
