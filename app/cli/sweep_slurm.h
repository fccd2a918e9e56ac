// The Slurm backend of lstmlab-cli sweep: its options, submitting the trials folder's job array, and
// following it until every task left the queue (also `sweep-status --wait`).
#pragma once

#include "app/cli/arguments.h"
#include "engine/workflow/slurm_script.h"
#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_spec.h"

#include <atomic>
#include <string>
#include <vector>

namespace lstmlab::cli {

// --slurm-partition ... --slurm-dry-run, --detach (sweep's options for the slurm backend).
std::vector<OptionSpec> slurm_options();
// The --slurm-* values checked (UsageError naming the option); --jobs is the default throttle.
SlurmOptions slurm_settings_from(const Arguments& args);
// UsageError when `path` holds what a Slurm script cannot carry (space, quote, backslash, %).
void check_plain_path(const std::string& option, const std::string& path);
// Sleeps between two squeue polls (1 s, growing to 10 s with `poll`); false when `interrupted` was set.
bool pause_between_polls(int poll, const std::atomic<bool>& interrupted);
// The absolute path of this lstmlab-cli (what the tasks run).
std::string cli_own_path();

// The slurm options given with --backend local: UsageError naming the first one.
void refuse_slurm_options(const Arguments& args);

// The --slurm-* options checked, with sbatch on PATH (unless --slurm-dry-run) and a trials folder
// path a Slurm script can carry: UsageError naming the option, before anything is printed or written.
SlurmOptions slurm_sweep_options(const Arguments& args, const std::string& trials_dir);

// Runs `plan` on Slurm: expands it into `trials_dir` (or checks it is the same sweep with --resume),
// writes submit.sbatch, submits the unfinished trials and, unless --detach, follows them.
int run_slurm_sweep(const Arguments& args, const SlurmOptions& options, const SweepPlan& plan, const std::string& data_path,
                    const std::string& results_csv, const std::string& trials_dir);

// Polls squeue and the trial folders until no trial of `folder` is queued, printing progress to
// stderr; then assembles the results and prints the summary. Exit 0 when every trial finished, 1 when
// one did not (each named with its Slurm state and last log line), 130 on Ctrl-C (the jobs keep running).
int follow_slurm_sweep(const SweepFolder& folder, const std::string& results_arg, bool quiet);

} // namespace lstmlab::cli
