// The trials folder of a sweep run by a batch scheduler (lstmlab-cli sweep --backend slurm): the sweep
// is expanded ONCE, on the submitting machine, into files that every array task reads on its own node.
// Nothing in it is written by two processes: the submitting command writes sweep.json, jobs.json and
// the specs; each task writes only inside its own trial folder.
//
//   RESULTS.trials/
//     sweep.json               the data file (absolute path + SHA-256), the results CSV, the trial count,
//                              the varied option names (the results table's columns)
//     submit.sbatch            the job array script (slurm_script.h)
//     jobs.json                the jobs submitted for it, newest last (slurm_jobs.h)
//     trial-0001/spec.json     the trial: number, configuration, repeat, seed, varied options and every
//                              run option as text (run_option_texts; make_run_options reads it back)
//     trial-0001/slurm.log     the task's output (appended by every attempt)
//     trial-0001/checkpoint.safetensors, run/, result.json, result.csv    (sweep_trial_runner.h)
#pragma once

#include "engine/workflow/sweep_spec.h"

#include <string>
#include <vector>

namespace lstmlab {

struct SweepFolder {
    std::string trials_dir;                   // absolute
    std::string data_path;                    // absolute
    std::string data_sha256;                  // of the data file when the sweep was expanded
    std::string results_csv;                  // absolute; the summary is beside it (.summary.csv)
    std::vector<std::string> varied_names;    // the varied columns of the results table
    std::vector<Trial> trials;                // every trial, in trial order
};

// The spec of one trial as JSON text (what trial-NNNN/spec.json holds).
std::string trial_spec_text(const Trial& trial);

// Writes sweep.json and one spec.json per trial (atomically each) under `trials_dir`, creating the
// folders. Paths are made absolute; the data file is hashed here. Returns the folder as written.
SweepFolder write_sweep_folder(const SweepPlan& plan, const std::string& data_path, const std::string& results_csv,
                               const std::string& trials_dir);

// Reads sweep.json and every trial's spec.json. Throws Error naming the file for a missing or damaged one.
SweepFolder read_sweep_folder(const std::string& trials_dir);
bool is_sweep_folder(const std::string& trials_dir);   // holds a sweep.json

// "" when the plan is the one the folder was expanded from (same trials, same options, same data
// file content); otherwise one sentence saying the first difference.
std::string sweep_folder_difference(const SweepFolder& folder, const SweepPlan& plan, const std::string& data_path);

// The results CSV's summary file: r.csv -> r.summary.csv (r -> r.summary.csv).
std::string sweep_summary_path(const std::string& results_csv);
// The default trials folder of a results CSV: r.csv -> r.trials.
std::string default_trials_dir(const std::string& results_csv);

} // namespace lstmlab
