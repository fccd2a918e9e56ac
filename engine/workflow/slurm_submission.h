// Submitting a sweep's trials folder to Slurm, as `lstmlab-cli sweep --backend slurm` does and the
// workbench can: write its job array script, then submit the trials that still need a run and record
// the job in jobs.json. Both block on files and sbatch/squeue: call them off the GUI thread.
#pragma once

#include "engine/workflow/slurm_jobs.h"
#include "engine/workflow/slurm_script.h"
#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_status.h"

#include <string>
#include <vector>

namespace lstmlab {

// Writes trials_dir/submit.sbatch (atomically) for every trial of `folder`; returns its path.
std::string write_slurm_script(const SweepFolder& folder, const SlurmOptions& options, const std::string& cli_path);

// The trials a (re)submission runs: neither finished nor queued, and not diverged (it would diverge
// again); 1-based, in order.
std::vector<int> trials_to_submit(const SweepStatus& status);

// Asks squeue for the status, submits trials_to_submit() with `script_path` and records the job.
// Returns the submission; its job_id is "" when nothing needed a run. Throws Error when squeue fails
// (nothing is submitted then) or sbatch refuses.
SlurmSubmission submit_sweep_folder(const SweepFolder& folder, const std::string& script_path, int max_running);

} // namespace lstmlab
