#include "engine/workflow/sweep_assembly.h"

#include "engine/io/atomic_file.h"

namespace lstmlab {

std::vector<TrialResult> read_sweep_results(const SweepFolder& folder)
{
    std::vector<TrialResult> results;
    for (const Trial& trial : folder.trials)
        if (std::optional<TrialResult> r = read_trial_result(folder.trials_dir, trial))
            results.push_back(std::move(*r));
    return results;
}

std::vector<TrialResult> assemble_sweep_results(const SweepFolder& folder)
{
    std::vector<TrialResult> results = read_sweep_results(folder);
    write_file_atomic(folder.results_csv, sweep_results_table(results, folder.varied_names));
    write_file_atomic(sweep_summary_path(folder.results_csv), sweep_summary_csv(summarize_sweep(results)));
    return results;
}

} // namespace lstmlab
