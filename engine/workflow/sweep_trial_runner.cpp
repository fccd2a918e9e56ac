#include "engine/workflow/sweep_trial_runner.h"

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace lstmlab {

TrialResult run_folder_trial(const SweepFolder& folder, int number, const std::string& app_version,
                             const std::atomic<bool>* cancel)
{
    if (number < 1 || number > int(folder.trials.size()))
        throw Error("trial " + std::to_string(number) + " is outside 1.." + std::to_string(folder.trials.size()) +
                    " (the trials of " + folder.trials_dir + ")");
    const Trial& trial = folder.trials[std::size_t(number - 1)];
    SweepRunOptions options;
    options.data_path = folder.data_path;
    options.data_sha256 = folder.data_sha256;
    options.results_csv = folder.results_csv;
    options.trials_dir = folder.trials_dir;
    options.app_version = app_version;
    options.cancel = cancel;
    options.continue_checkpoints = true;
    TrialResult result = run_sweep_trial(trial, options);
    if (result.completed() || result.status == "failed")   // result.json is written: its row beside it
        write_file_atomic(trial_directory(folder.trials_dir, trial.index) + "/result.csv",
                          sweep_results_table({result}, folder.varied_names));
    return result;
}

} // namespace lstmlab
