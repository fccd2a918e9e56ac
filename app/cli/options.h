// The option groups of DESIGN.md's command line, shared by the commands that take them (model, data,
// import and training come from the option table, engine/workflow/run_option_table.h):
//   model:    --preset NAME --cell lstm|gru --hidden 64,32 --dropout 0.2 --bidirectional --attention
//   data:     --seq-len 20 --horizon 1 --split 0.7,0.15,0.15 --scaler zscore|minmax|none
//             --target-transform level|diff|return|logreturn|log --missing error|drop|ffill
//   import:   --delimiter --decimal --thousands --time-column --time-format --duplicates --encoding
//             (part of data; inspect takes them alone)
//   training: --epochs 50 --batch-size 64 --lr 1e-3 --weight-decay 0 --loss mse|mae|huber --clip 1.0
//             --patience 10 --seed 42 --threads N
//   evaluation: --cost-bps B --long-flat --periods-per-year N --season N (evaluate, backtest)
#pragma once

#include "app/cli/arguments.h"
#include "engine/data/csv_options.h"
#include "engine/nn/model_spec.h"
#include "engine/train/evaluation.h"
#include "engine/workflow/run_options.h"

#include <vector>

namespace lstmlab::cli {

std::vector<OptionSpec> model_options();
std::vector<OptionSpec> data_options();
std::vector<OptionSpec> import_options();
std::vector<OptionSpec> training_options();
std::vector<OptionSpec> evaluation_options();
std::vector<OptionSpec> join(std::vector<std::vector<OptionSpec>> groups);

// The ModelSpec the model options describe (a preset, then the explicit options over it).
ModelSpec model_spec_from(const Arguments& args, int features, int outputs);
// Every option of the option table given (names without "--", as make_run_options reads them).
OptionValues run_option_values(const Arguments& args);
// --target, --features (default: the target alone) and every model, data and training option given,
// checked by the engine's make_run_options (the sweep runner uses the same rules).
RunOptions run_options_from(const Arguments& args);
// The backtest costs and mode, periods per year and season given (defaults: from the calendar).
EvaluationOptions evaluation_options_from(const Arguments& args);

// The import options given (defaults: every one auto); throws UsageError naming a bad one.
CsvOptions csv_options_from(const Arguments& args);

// Option help, aligned, for `lstmlab-cli help COMMAND`.
std::string options_help(const std::vector<OptionSpec>& specs);

} // namespace lstmlab::cli
