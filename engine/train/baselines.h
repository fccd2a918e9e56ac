// Naive baselines every model is shown beside (DESIGN.md "Evaluation": quant honesty).
//
// Legend: W = windows, H = horizon, P_t = the last known value of a window ending at row t,
// y_r = the target column at row r, m = the season in rows (calendar.h; 12 for monthly data).
//   persistence     P_{t+h} = P_t for every step h (tomorrow looks like today)
//   seasonal naive  P_{t+h} = y_{t+h-km} with k = ceil(h / m): the value one season ago, from rows
//                   known at t (k > 1 only when the horizon is longer than a season)
//   training mean   the mean m of the TRAINING transformed target (FittedPipeline::target_training_mean)
//                   predicted at every step and converted to values exactly like a model output:
//                   level m; diff P_t + h m; return P_t (1 + m)^h; logreturn P_t exp(h m); log exp(m)
// The naive scale of MASE at step h is s_h = mean |y_r - y_{r-h}| over the training split's target
// rows: the in-sample error of persistence h steps ahead (Hyndman & Koehler 2006 use h = 1; per step,
// persistence scores about 1 at every step when the test period moves like the training period).
// evaluate_split() computes the model's metrics and every baseline's on the same windows, and says
// why each figure that cannot be computed is n/a.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/train/metrics.h"
#include "engine/train/price_conversion.h"

#include <Eigen/Core>

#include <map>
#include <string>
#include <vector>

namespace lstmlab {

// (H, W)
Eigen::MatrixXd persistence_forecast(const std::vector<double>& last_price, std::size_t horizon);
// (H, W)
Eigen::MatrixXd training_mean_forecast(const FittedPipeline& pipeline, const std::vector<double>& last_price);
// (H, W) from y (n) at the windows' end rows t (W); every t + h - km must be >= 0 (Error otherwise).
Eigen::MatrixXd seasonal_naive_forecast(const std::vector<double>& target_level, const std::vector<std::size_t>& end_rows,
                                        std::size_t horizon, std::size_t season);

// s_h (H) over the training target rows of `data` (NaN where no row has one h rows before it).
std::vector<double> training_naive_scales(const PreparedData& data);

struct SplitEvaluation {
    Split split = Split::Test;
    MetricsTable model;
    MetricsTable persistence;
    MetricsTable seasonal_naive;   // windows = 0 when not applicable (not_applicable["seasonal_naive"])
    MetricsTable training_mean;
    std::size_t season = 0;        // m, 0 without a seasonal-naive baseline
    std::vector<double> naive_scales;   // (H) s_h
    // Figures that are n/a, with one sentence each: "mape", "mase", "r2", "seasonal_naive".
    std::map<std::string, std::string> not_applicable;

    bool has_seasonal_naive() const { return seasonal_naive.windows > 0; }
};

// predicted (H, W) in the target's units (predictions_to_prices). `season` m = 0: no seasonal
// baseline, and `season_reason` says why (e.g. the calendar's evidence).
SplitEvaluation evaluate_split(const PreparedData& data, Split split, const SplitPrices& prices,
                               const Eigen::MatrixXd& predicted, std::size_t season,
                               const std::string& season_reason = "no season was given");

} // namespace lstmlab
