// RESULTS.csv and RESULTS.summary.csv of a sweep run by a scheduler, assembled from its trial folders
// with the local sweep's own writers (sweep_results_table, summarize_sweep, sweep_summary_csv): rows in
// trial order, the result columns byte for byte those of `lstmlab-cli sweep --backend local` (only
// `seconds` and the `checkpoint` path differ). Safe to run at any time; unfinished trials have no row yet.
#pragma once

#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_runner.h"

#include <vector>

namespace lstmlab {

// The results of the trials that ended (read from their result.json), in trial order.
std::vector<TrialResult> read_sweep_results(const SweepFolder& folder);

// Writes folder.results_csv and its summary file (atomically each); returns what it read.
std::vector<TrialResult> assemble_sweep_results(const SweepFolder& folder);

} // namespace lstmlab
