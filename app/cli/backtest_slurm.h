// The Slurm backend of lstmlab-cli backtest: the folds' trainings as tasks of one job array (one task
// per fold with --refit fresh; one task for the chain of --refit every and for --refit never), each
// writing FOLDS.folds/fold-NNNN/training.json; the command waits for them and evaluates the folds
// itself, so its table and --out are the local backend's, byte for byte.
//   FOLDS.folds/backtest.json    the backtest's options as text (data path absolute) and the data SHA-256
//   FOLDS.folds/submit.sbatch    `exec lstmlab-cli backtest-fold FOLDS.folds $SLURM_ARRAY_TASK_ID`
//   FOLDS.folds/fold-NNNN/       slurm.log of task N, training.json of fold N
#pragma once

#include "app/cli/arguments.h"
#include "engine/data/csv_load.h"
#include "engine/train/walk_forward.h"
#include "engine/workflow/run_options.h"
#include "engine/workflow/slurm_script.h"

#include <functional>
#include <string>
#include <vector>

namespace lstmlab::cli {

// Everything a backtest runs with, from its options (cmd_backtest.cpp).
struct BacktestSetup {
    std::string data_path;
    WalkForwardConfig config;
    RunOptions run;
    LoadResult loaded;
    PipelineConfig pipeline;
};

// --backend and the --slurm-* options backtest takes (no dry run, no detach: it waits for its folds).
std::vector<OptionSpec> backtest_slurm_options();
// The checked --slurm-* values; UsageError when sbatch is not on PATH.
SlurmOptions backtest_slurm_settings(const Arguments& args);

// Writes the folds folder beside `out`, submits the job array and waits for it (progress on stderr
// unless `quiet`); returns the K trainings, or an empty vector when Ctrl-C stopped the wait (the job
// is cancelled). Throws Error naming the first fold that was not trained, with its task's Slurm state
// and last log line.
std::vector<FoldTraining> train_folds_on_slurm(const Arguments& args, const std::vector<OptionSpec>& options,
                                               const SlurmOptions& slurm, const BacktestSetup& setup,
                                               const std::string& out, bool quiet);

// backtest-fold FOLDS_DIR N: the task side. `options` are backtest's, `setup` builds its inputs.
int run_backtest_fold(const std::string& folds_dir, int task, const std::vector<OptionSpec>& options,
                      const std::function<BacktestSetup(const Arguments&)>& setup);

} // namespace lstmlab::cli
