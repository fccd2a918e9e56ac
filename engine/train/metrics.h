// Forecast metrics in the target's units (price units for a price), per horizon step and averaged
// (DESIGN.md "Evaluation").
//
// Legend: W = windows, H = horizon; a = actual value, p = predicted value, P_t = last known value,
// s_h = the naive scale of step h (mean |y_r - y_{r-h}| over the training split's target rows,
// baselines.h).
// For each step h over the W windows:
//   MSE   = mean((p - a)^2)          RMSE = sqrt(MSE)          MAE = mean(|p - a|)
//   MAPE  = 100 * mean(|p - a| / |a|)            NaN (n/a) when any a = 0: it would divide by zero,
//                                                and leaving those windows out would flatter it
//   MASE  = MAE / s_h                            NaN (n/a) when s_h is 0 or unknown (Hyndman &
//                                                Koehler 2006: scale-free, defined for zeros)
//   sMAPE = 100 * mean(2 |p - a| / (|a| + |p|))  a term with |a| + |p| = 0 counts as 0
//   R^2   = 1 - sum((a - p)^2) / sum((a - mean(a))^2)   (NaN when the actual prices are constant)
//   directional accuracy = fraction of windows with sign(p - P_t) == sign(a - P_t), sign in {-1, 0, 1}
//         (a forecast of "no move" is right only when the price did not move)
// `average` is the plain mean over the H steps of each per-step metric (so the average RMSE is the
// mean of the step RMSEs, not the root of the pooled MSE).
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <limits>
#include <vector>

namespace lstmlab {

struct ForecastMetrics {
    double mse = std::numeric_limits<double>::quiet_NaN();
    double rmse = std::numeric_limits<double>::quiet_NaN();
    double mae = std::numeric_limits<double>::quiet_NaN();
    double mape = std::numeric_limits<double>::quiet_NaN();   // percent
    double smape = std::numeric_limits<double>::quiet_NaN();  // percent
    double r2 = std::numeric_limits<double>::quiet_NaN();
    double directional_accuracy = std::numeric_limits<double>::quiet_NaN();  // fraction in [0, 1]
    double mase = std::numeric_limits<double>::quiet_NaN();
    std::size_t zero_actuals = 0;   // windows whose actual value is 0 (summed over the steps in `average`)
};

struct MetricsTable {
    std::vector<ForecastMetrics> per_step;  // (H)
    ForecastMetrics average;
    std::size_t windows = 0;
};

// last_price (W), actual (H, W), predicted (H, W); naive_scales s_h (H) for MASE (empty: MASE n/a).
// Throws Error on mismatched shapes or W = 0.
MetricsTable compute_metrics(const std::vector<double>& last_price, const Eigen::MatrixXd& actual,
                             const Eigen::MatrixXd& predicted, const std::vector<double>& naive_scales = {});

} // namespace lstmlab
