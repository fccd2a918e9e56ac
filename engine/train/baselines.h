// Naive baselines every model is shown beside (DESIGN.md "Evaluation": quant honesty).
//
// Legend: W = windows, H = horizon, P_t = the last known price of a window.
//   persistence    P_{t+h} = P_t for every step h (tomorrow looks like today)
//   training mean  the mean m of the TRAINING transformed target (FittedPipeline::target_training_mean)
//                  predicted at every step and converted to prices exactly like a model output:
//                  level m; diff P_t + h m; return P_t (1 + m)^h; logreturn P_t exp(h m); log exp(m)
// evaluate_split() computes the model's metrics and both baselines' on the same windows.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/train/metrics.h"
#include "engine/train/price_conversion.h"

#include <Eigen/Core>

#include <vector>

namespace lstmlab {

// (H, W)
Eigen::MatrixXd persistence_forecast(const std::vector<double>& last_price, std::size_t horizon);
// (H, W)
Eigen::MatrixXd training_mean_forecast(const FittedPipeline& pipeline, const std::vector<double>& last_price);

struct SplitEvaluation {
    Split split = Split::Test;
    MetricsTable model;
    MetricsTable persistence;
    MetricsTable training_mean;
};

// predicted_prices (H, W) in price units (predictions_to_prices).
SplitEvaluation evaluate_split(const FittedPipeline& pipeline, Split split, const SplitPrices& prices,
                               const Eigen::MatrixXd& predicted_prices);

} // namespace lstmlab
