// Walk-forward (rolling-origin) evaluation: K consecutive test blocks at the end of the series, each
// forecast by a model that saw nothing at or after its block's first target row, scored beside the
// naive baselines, and a Diebold-Mariano test of model vs persistence over all blocks together.
//
// Legend: n = rows, T = sequence length, H = horizon, K = folds, W = windows (named by their end row
// t: features t-T+1 .. t, targets t+1 .. t+H; windows.h).
// Fold layout. The windows of the whole series are t = t_min .. t_max; the last floor(N * test) of them
// (N = t_max - t_min + 1, `test` the pipeline's test fraction) form the test region, cut into K
// consecutive blocks in time order (the first N_test mod K blocks one window longer). Fold k's block
// holds end rows b_k .. e_k; its CUT is c_k = b_k + 1, the first row whose value the block predicts.
// Fold k sees rows s_k .. e_k + H only (its data frame is cut there, so nothing later can reach it):
//   s_k = 0 with an expanding window, max(0, c_k - N_rows) with `rolling N_rows`;
//   training and validation windows: every window of those rows whose targets all lie before c_k
//   (t + H < c_k), split train | validation by the pipeline's train : validation fractions (the H - 1
//   windows straddling that boundary are dropped, as in windows.h); test windows: the block.
// Per fold: the scaler is refitted on the fold's training rows only (pipeline.h); with Refit::Every
// the model is trained on the fold's training windows (early stopping on its validation windows),
// starting from the weights the previous fold ended with (fold 1 from the seeded initialisation):
// a warm start, so each fold adapts the last model to the newer rows instead of starting over, and
// the folds' trainings form a chain (fold k waits for fold k - 1). With Refit::Never fold 1 trains
// once and every fold forecasts with those weights (each on its own scaling). With Refit::Fresh each
// fold trains from the seeded initialisation, independently of the others, so the folds train in
// parallel. All three are causal.
// Then each fold is evaluated (evaluation.h: model vs persistence, training mean and seasonal naive;
// directional accuracy; the sign backtest's Sharpe; split-conformal intervals calibrated on the
// fold's validation windows and their coverage on its block) and tested (diebold_mariano.h).
// Parallelism: the folds' data preparation and evaluation (and with Refit::Fresh their trainings) run
// on the task pool (task_pool.h) with `jobs` threads; each training uses TrainConfig::threads. Every fold's numbers depend only on its
// index, so any `jobs` gives the same result bit for bit.
// Overall: the blocks' test windows pooled in time order: metrics of the model and each baseline,
// interval coverage, the backtest over all blocks chained, and the DM test on every block's windows.
// The calendar (season, periods per year) is inferred once from the whole time axis (timestamps
// only, never values) so that every fold uses the same.
#pragma once

#include "engine/data/frame.h"
#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/diebold_mariano.h"
#include "engine/train/evaluation.h"
#include "engine/train/train_config.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lstmlab {

// Every: retrain each fold from the previous fold's weights; Fresh: retrain each fold from the
// seeded initialisation (folds in parallel); Never: train on fold 1 only.
enum class Refit { Every, Fresh, Never };

// One fold's training, as a batch scheduler's task hands it back (WalkForwardConfig::trained).
struct FoldTraining {
    bool trained = false;
    TrainStatus status = TrainStatus::finished;
    int epochs = 0;
    AlignedVector<float> weights;
};

struct WalkForwardConfig {
    int folds = 5;                  // K >= 1
    Refit refit = Refit::Every;
    std::size_t rolling_rows = 0;   // 0: expanding window; N: the N rows before each cut
    int jobs = 1;                   // threads for the folds' preparation and evaluation
    EvaluationOptions evaluation;   // backtest costs and mode, season, interval levels
    // The trainings run elsewhere (the folds as tasks of a batch scheduler), the rest unchanged:
    // train_only >= 0: train fold `train_only` alone with Refit::Fresh (with Every and Never: every
    //   fold's training, a chain) and return without evaluating: result.folds[k].weights, status,
    //   epochs and trained hold the trainings, nothing else is filled in.
    // trained (K entries): the folds' trainings, used instead of training; the evaluation is the same
    //   as after training here, so the result is the same bit for bit.
    int train_only = -1;
    std::vector<FoldTraining> trained;
};

// What one fold saw and scored. Rows are indices into the whole frame.
struct FoldResult {
    int index = 0;                      // 0-based
    std::size_t first_row = 0;          // s_k
    std::size_t cut_row = 0;            // c_k: first row the block predicts
    std::size_t last_row = 0;           // e_k + H: last row the fold saw
    std::string first_label, cut_label, last_label;   // their times (or 1-based row numbers)
    std::size_t train_windows = 0, validation_windows = 0, test_windows = 0;
    bool trained = false;               // this fold trained (Refit::Every, or fold 1)
    TrainStatus status = TrainStatus::finished;   // of the training whose weights it used
    int epochs = 0;                     // completed epochs of that training
    FittedPipeline pipeline;            // its scaler statistics, fitted on its training rows
    AlignedVector<float> weights;       // the weights it forecast with
    EvaluationReport report;            // validation and test metrics, backtest, intervals, coverage
    SplitPrices test_prices;            // (H, W) actual and last known values of its block
    Eigen::MatrixXd test_predicted;     // (H, W) the model's forecasts, in the target's units
    DieboldMariano dm;                  // model vs persistence on its block (squared error)
};

struct WalkForwardOverall {
    std::size_t windows = 0;            // all blocks' test windows
    MetricsTable model, persistence, training_mean;   // pooled (MASE n/a: each fold has its own scale)
    MetricsTable seasonal_naive;        // windows = 0 unless every fold had the baseline
    std::optional<BacktestResult> backtest;   // the blocks chained; absent when any fold's is n/a
    std::vector<double> coverage;       // (L) pooled share of actual values inside each interval;
                                        // empty unless every fold had intervals
    DieboldMariano dm;                  // model vs persistence over every block's windows
};

struct WalkForwardResult {
    std::vector<FoldResult> folds;      // in time order
    WalkForwardOverall overall;
    std::vector<double> levels;         // (L) interval levels
    Calendar calendar;                  // of the whole time axis
    BacktestConfig backtest_config;     // as used (periods per year resolved)
    std::string units;                  // "price units" | "target units"
    std::size_t horizon = 1;
    bool stopped = false;               // the progress callback asked to stop: `folds` is empty
};

struct WalkForwardProgress {
    int fold = 0;                       // 0-based, the fold training
    int folds = 0;
    const TrainProgress* training = nullptr;   // the trainer's progress (valid during the call)
};

// Throws Error naming the option: --folds < 1 or more folds than test windows, a rolling window too
// short for one training window before the first cut, a test fraction of 0, or (from the pipeline
// and trainer) any invalid setting. `progress` is called during training, one call at a time (from
// the pool's threads with Refit::Fresh, else on the calling thread); false stops every training
// (result.stopped). `frame` is loaded with used_columns(pipeline) and its missing policy.
WalkForwardResult walk_forward(const Frame& frame, const PipelineConfig& pipeline, const ModelSpec& spec,
                               const TrainConfig& train, const WalkForwardConfig& config,
                               const std::function<bool(const WalkForwardProgress&)>& progress = {});

} // namespace lstmlab
