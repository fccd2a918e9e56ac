// The sweep runner: every trial of a SweepPlan trained on its own worker thread (each trial is
// single-threaded, so N jobs keep N cores busy), with its checkpoint and run folder kept in
// TRIALS/trial-NNNN/, one row per finished trial appended to the results CSV as it finishes, and the
// table rewritten in trial order at the end. Trials are independent and seeded, so the table is the
// same whatever the number of jobs (only the seconds differ).
// A killed sweep restarts with `resume`: trials whose result.json exists are read back, not rerun.
#pragma once

#include "engine/train/train_config.h"
#include "engine/workflow/sweep_spec.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lstmlab {

struct TrialResult {
    int index = 0;
    int configuration = 0;
    int repeat = 0;
    std::uint64_t seed = 0;
    OptionValues varied;
    std::string label;
    std::int64_t parameters = 0;
    std::string status;              // finished | early_stopped | diverged | stopped | failed
    std::string message;             // why a trial did not finish
    int epochs = 0;
    int best_epoch = 0;
    double validation_loss = not_measured;   // best
    double test_rmse = not_measured;
    double test_mae = not_measured;
    double test_directional_accuracy = not_measured;
    double persistence_rmse = not_measured;
    double test_sharpe = not_measured;
    double buy_hold_sharpe = not_measured;
    std::vector<std::string> not_applicable;   // "n/a: backtest: ..." lines (evaluation_report.h)
    double seconds = 0;
    std::string checkpoint;
    std::vector<EpochRecord> history;
    bool reused = false;             // read back from a previous run of the sweep (resume)
    bool completed() const { return status == "finished" || status == "early_stopped" || status == "diverged"; }
};

struct SweepRunOptions {
    std::string data_path;
    std::string results_csv;
    std::string trials_dir;
    int jobs = 1;
    bool resume = false;
    std::string app_version;
    const std::atomic<bool>* cancel = nullptr;   // set: running trials stop after their batch, no new ones
    // A trial whose folder holds a checkpoint (and no result) continues from it instead of starting
    // over: the Slurm trial runner, after a cancel or a time limit stopped the trial mid-run.
    bool continue_checkpoints = false;
    // Set: a trial refuses to run (fails, saying why) when the data file's SHA-256 differs -- the data
    // the sweep was expanded from, checked on the node that runs the trial.
    std::string data_sha256;
};

struct SweepCallbacks {
    std::function<void(const Trial&)> started;
    // After every batch of a trial; false stops (skips) that trial only. Called from worker threads.
    std::function<bool(const Trial&, const TrainProgress&)> progress;
    std::function<void(const TrialResult&)> finished;   // from worker threads, one at a time
};

// Runs the plan; returns the results in trial order (trials not run because of a cancel are absent).
std::vector<TrialResult> run_sweep(const SweepPlan& plan, const SweepRunOptions& options,
                                   const SweepCallbacks& callbacks = {});

// The folder of the trial with 0-based `index`: TRIALS/trial-0001 for index 0. It holds the trial's
// checkpoint.safetensors, run/ (run.json, metrics.csv) and, once it ended, result.json.
std::string trial_directory(const std::string& trials_dir, int index);

// One trial exactly as run_sweep runs it (single-threaded, seeded): trains in the trial's folder and
// writes its result.json atomically when it completed or failed. Never throws for a failed trial:
// the result says "failed" and why.
TrialResult run_sweep_trial(const Trial& trial, const SweepRunOptions& options, const SweepCallbacks& callbacks = {});

// The trial's result.json read back (reused = true); nullopt when there is none yet. Throws Error
// naming the file when it is damaged.
std::optional<TrialResult> read_trial_result(const std::string& trials_dir, const Trial& trial);

// The results CSV: header and one row per trial (trial order of `results`); the whole table holds the
// rows of the trials that completed or failed, in the order given.
std::string sweep_results_header(const std::vector<std::string>& varied_names);
std::string sweep_result_row(const TrialResult& result, const std::vector<std::string>& varied_names);
std::string sweep_results_table(const std::vector<TrialResult>& results, const std::vector<std::string>& varied_names);

// "" when every one of the `planned` trials finished (or stopped early); otherwise one sentence that
// counts the others by status and gives the first one's reason:
// `2 of 4 trials did not finish (1 diverged, 1 failed); the first, trial 2 (lr=0.1), failed: data.csv: ...`.
std::string sweep_failures_text(const std::vector<TrialResult>& results, std::size_t planned);

struct ConfigurationSummary {
    int configuration = 0;
    std::string label;
    int trials = 0;                   // completed trials (seeds)
    double validation_mean = not_measured, validation_std = not_measured;
    double rmse_mean = not_measured, rmse_std = not_measured;
    double sharpe_mean = not_measured, sharpe_std = not_measured;
    double direction_mean = not_measured, direction_std = not_measured;
};

// Mean and sample standard deviation (ddof 1; NaN for one trial) across the seeds of each
// configuration, best (lowest mean validation loss) first.
std::vector<ConfigurationSummary> summarize_sweep(const std::vector<TrialResult>& results);
std::string sweep_summary_text(const std::vector<ConfigurationSummary>& summary);
std::string sweep_summary_csv(const std::vector<ConfigurationSummary>& summary);

} // namespace lstmlab
