// lstmlab-cli train --data FILE.csv --target COL [--features A,B,...] [model] [data] [training]
//                   --out CKPT [--resume CKPT] [--run-dir DIR] [--quiet]
// Trains, writing the checkpoint after every epoch (atomically) and, with --run-dir, run.json and an
// append-only metrics.csv. Ctrl-C stops after the current batch, saves, and exits 130.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/options.h"
#include "app/cli/output_paths.h"
#include "app/cli/progress.h"
#include "engine/io/checkpoint.h"
#include "engine/workflow/resume_options.h"
#include "engine/workflow/training_run.h"

#include <iostream>

namespace lstmlab::cli {
namespace {

TrainingRun new_run(const Arguments& args, const std::string& data_path)
{
    const RunOptions options = run_options_from(args);
    return start_training_run(data_path, options.pipeline, options.model, options.train);
}

TrainingRun resume_run(const Arguments& args, const std::string& data_path)
{
    const std::string path = args.existing_file("resume");
    const Checkpoint checkpoint = load_checkpoint(path);
    // A resumed run is the same run: its model, data and optimiser settings come from the checkpoint.
    // Options that repeat the checkpoint's values are fine; a change is refused, naming both values.
    if (checkpoint.pipeline && checkpoint.training) {
        const OptionValues given = run_option_values(args);
        const RunOptions saved{checkpoint.pipeline->config, checkpoint.spec, checkpoint.training->config};
        std::vector<OptionChange> changes;
        try {
            changes = resume_changes(saved, given);
        } catch (const Error& error) {
            throw UsageError(std::string(error.what()) + " (with the settings of " + path + ")");
        }
        if (!changes.empty())
            throw UsageError(describe_change(changes.front()) + " (only --epochs and --threads may differ)");
    }
    const int extra = args.has("epochs") ? args.integer("epochs", 0, 1, 100000) : 0;
    return resume_training_run(data_path, checkpoint, extra, args.integer("threads", 0, 1, 256));
}

} // namespace

Command train_command()
{
    Command command;
    command.name = "train";
    command.synopsis = "train a model on a CSV and save a checkpoint";
    command.options = join({{{"data", true, "FILE.csv", "the time series (required)"},
                             {"target", true, "COL", "the column to forecast (required unless --resume)"},
                             {"features", true, "A,B,...", "input columns (default: the target alone)"}},
                            model_options(), data_options(), training_options(),
                            {{"out", true, "CKPT", "checkpoint to write (required)"},
                             {"resume", true, "CKPT", "continue the run saved in CKPT (--epochs N: N more; other options must equal the checkpoint's)"},
                             {"run-dir", true, "DIR", "also keep run.json and metrics.csv in DIR"},
                             {"quiet", false, "", "no progress output"}}});
    command.run = [](const Arguments& args) {
        const std::string data_path = args.existing_file("data");
        const std::string out = args.required("out");
        check_output_file("out", out);
        const auto run_dir = args.value("run-dir");
        if (run_dir)
            check_run_folder(*run_dir, args.has("resume"));
        std::vector<PathUse> paths{{"--data", data_path}, {"--out", out, PathUse::Kind::write}};
        if (args.has("resume"))
            paths.push_back({"--resume", args.existing_file("resume")});
        if (run_dir)
            for (PathUse& use : run_folder_uses("--run-dir", *run_dir))
                paths.push_back(use);
        check_paths_distinct(paths, {{"--resume", "--out"}});   // --resume M --out M continues M in place
        install_interrupt_handlers();

        TrainingRun run = args.has("resume") ? resume_run(args, data_path) : new_run(args, data_path);
        ProgressPrinter printer(args.flag("quiet"));
        if (!args.flag("quiet"))
            std::cerr << run.description << "\n";
        const RunOutcome outcome = execute_training_run(run, out, run_dir, [&](const TrainProgress& p) {
            printer.update(p);
            return !interrupt_requested();
        }, app_version());
        printer.finish();
        std::cerr << outcome.message << "\n";
        if (outcome.status == TrainStatus::stopped)
            return exit_interrupted;
        if (outcome.status == TrainStatus::diverged)
            return exit_failure;
        std::cout << outcome.summary;
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
