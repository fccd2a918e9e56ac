// Split-conformal prediction intervals: honest intervals around any model's forecasts, calibrated on
// the validation split and checked on the test split, without changing the model.
//
// Legend: W = windows, H = horizon, L = levels (e.g. 0.8 and 0.95), P_t = a window's last known
// value, P = an actual value h steps later, P^ = its prediction.
// Residuals live on the model's own cumulative scale z(P; P_t), where the transform makes errors
// comparable across windows:
//   level z = P;  diff z = P - P_t;  return z = P / P_t - 1;  logreturn z = log(P / P_t);  log z = log P
// For each step h the n validation residuals r_i = |z(P^_i) - z(P_i)| give the half-width
//   q_h = the k-th smallest r_i,  k = ceil((n + 1) level)           (Vovk et al.; Lei et al. 2018)
// (infinite when k > n: too few windows for that level). The interval of a new forecast is
// z(P^) -+ q_h mapped back to values (z is increasing in P, so the bounds map to bounds). Under
// exchangeability of windows it covers P with probability >= level; a trending or regime-changing
// series breaks that, which is why the test coverage is always reported beside the level.
#pragma once

#include "engine/data/transform.h"
#include "engine/train/price_conversion.h"

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

namespace lstmlab {

struct ConformalCalibration {
    Transform transform = Transform::Level;
    std::vector<double> levels;     // (L) in (0, 1)
    Eigen::MatrixXd half_widths;    // (L, H) q_h on the z scale; +inf when too few windows
    std::size_t windows = 0;        // n, validation windows used
};

struct IntervalBounds {
    Eigen::MatrixXd lower;   // (H, W)
    Eigen::MatrixXd upper;   // (H, W)
};

// Levels must be in (0, 1) (Error otherwise). validation: prices and predictions (H, n).
ConformalCalibration calibrate_intervals(Transform transform, const SplitPrices& validation,
                                         const Eigen::MatrixXd& predicted, const std::vector<double>& levels);

// The interval of level `level_index` around predicted (H, W) after last known values (W).
IntervalBounds interval_bounds(const ConformalCalibration& calibration, std::size_t level_index,
                               const std::vector<double>& last_value, const Eigen::MatrixXd& predicted);

// Fraction of the H x W actual values inside their interval, per level (L); NaN for W = 0.
std::vector<double> interval_coverage(const ConformalCalibration& calibration, const SplitPrices& prices,
                                      const Eigen::MatrixXd& predicted);

// The calibration restricted to `levels`, in that order, when it holds every one of them (a stored
// calibration answers any subset of its levels); nullopt when one is missing.
std::optional<ConformalCalibration> select_levels(const ConformalCalibration& calibration,
                                                  const std::vector<double>& levels);

// "80 %", "95 %", "97.5 %"
std::string level_label(double level);

} // namespace lstmlab
