// Forecast: a trained model run over the windows of a split, in price units, with attention weights,
// and the evaluation the CLI's `evaluate` and the GUI's Results view show.
//
// Legend: W = windows of the split (time order), H = horizon, T = sequence length.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model.h"
#include "engine/train/backtest.h"
#include "engine/train/baselines.h"
#include "engine/train/price_conversion.h"

#include <Eigen/Core>

#include <optional>

namespace lstmlab {

struct Forecast {
    Split split = Split::Test;
    SplitPrices prices;                // last known price (W), actual prices (H, W), end rows (W)
    Eigen::MatrixXd scaled_outputs;    // (H, W) raw model outputs: scaled, transformed target
    Eigen::MatrixXd predicted;         // (H, W) price units
    Eigen::MatrixXf attention;         // (W, T) weights per window, empty without attention
};

// Inference over every window of `split` in batches of `batch` windows.
Forecast forecast_split(Model<float>& model, const PreparedData& data, Split split, bool with_attention,
                        int batch = 256);

struct EvaluationReport {
    std::optional<SplitEvaluation> validation;   // absent when the split has no windows
    std::optional<SplitEvaluation> test;
    std::optional<BacktestResult> backtest;      // on the test split
    BacktestConfig backtest_config;
};

EvaluationReport evaluate_model(Model<float>& model, const PreparedData& data, const BacktestConfig& config = {});

} // namespace lstmlab
