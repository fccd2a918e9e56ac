// lstmlab-cli sweep-trial TRIALS_DIR N
// Runs trial N (1-based) of a sweep's trials folder: what a task of the job array that
// `sweep --backend slurm` submits runs (engine/workflow/sweep_trial_runner.h). Its output goes to the
// task's log, trial-NNNN/slurm.log. SIGTERM (scancel, a time limit) stops the trial after its batch
// with its state saved; the next attempt continues from there.
// Exit 0 when the trial ended with a result (finished, stopped early or diverged); 1 when it failed;
// 130 when it was stopped.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "engine/workflow/sweep_trial_runner.h"

#include <atomic>
#include <cstdio>
#include <iostream>

#include <unistd.h>

namespace lstmlab::cli {

Command sweep_trial_command()
{
    Command command;
    command.name = "sweep-trial";
    command.synopsis = "TRIALS_DIR N: run trial N of a sweep's trials folder (what each task of --backend slurm runs)";
    command.operands = {"TRIALS_DIR", "N"};
    command.run = [](const Arguments& args) {
        const std::string& trials_dir = args.operands()[0];
        const auto number = parse_integer(args.operands()[1]);
        if (!number)
            throw UsageError("N: \"" + args.operands()[1] + "\" is not a trial number");
        SweepFolder folder;
        try {
            folder = read_sweep_folder(trials_dir);
        } catch (const Error& error) {
            throw UsageError(std::string("TRIALS_DIR: ") + error.what());
        }
        if (*number < 1 || *number > int(folder.trials.size()))
            throw UsageError("N: trial " + std::to_string(*number) + " is outside 1.." +
                             std::to_string(folder.trials.size()));
        char host[256] = "?";
        ::gethostname(host, sizeof host - 1);
        // The line sweep-status finds the latest attempt of an appended log by.
        std::cerr << "lstmlab-cli sweep-trial: starting trial " << *number << " of " << folder.trials.size() << " ("
                  << folder.trials[std::size_t(*number - 1)].label() << ") on " << host << "\n";
        std::atomic<bool> cancel{false};
        TrialResult result;
        {
            const CancelOnInterrupt watcher(cancel);
            result = run_folder_trial(folder, *number, app_version(), &cancel);
        }
        if (result.status == "stopped")   // scancel, a time limit, a preemption: Slurm sent SIGTERM
            std::fprintf(stderr, "lstmlab-cli sweep-trial: trial %d stopped by a signal after %d epochs (%.1f s); its "
                         "checkpoint is saved and sweep --resume continues it\n", *number, result.epochs, result.seconds);
        else
            std::fprintf(stderr, "lstmlab-cli sweep-trial: trial %d %s after %d epochs (%.1f s)%s%s\n", *number,
                         result.status.c_str(), result.epochs, result.seconds, result.message.empty() ? "" : ": ",
                         result.message.c_str());
        if (result.completed())
            return 0;
        return result.status == "stopped" ? exit_interrupted : exit_failure;
    };
    return command;
}

} // namespace lstmlab::cli
