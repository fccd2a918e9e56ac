#include "engine/train/conformal.h"

#include "engine/core/error.h"
#include "engine/core/setting_error.h"
#include "engine/core/number_text.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lstmlab {
namespace {

double to_z(Transform transform, double last, double value)
{
    switch (transform) {
    case Transform::Level: return value;
    case Transform::Diff: return value - last;
    case Transform::Return: return value / last - 1.0;
    case Transform::LogReturn: return std::log(value / last);
    case Transform::Log: return std::log(value);
    }
    return value;
}

double from_z(Transform transform, double last, double z)
{
    switch (transform) {
    case Transform::Level: return z;
    case Transform::Diff: return last + z;
    case Transform::Return: return last * (1.0 + z);
    case Transform::LogReturn: return last * std::exp(z);
    case Transform::Log: return std::exp(z);
    }
    return z;
}

} // namespace

std::optional<ConformalCalibration> select_levels(const ConformalCalibration& calibration,
                                                  const std::vector<double>& levels)
{
    ConformalCalibration selected = calibration;
    selected.levels = levels;
    selected.half_widths.resize(Eigen::Index(levels.size()), calibration.half_widths.cols());
    for (std::size_t l = 0; l < levels.size(); ++l) {
        const auto found = std::find(calibration.levels.begin(), calibration.levels.end(), levels[l]);
        if (found == calibration.levels.end())
            return std::nullopt;
        selected.half_widths.row(Eigen::Index(l)) = calibration.half_widths.row(found - calibration.levels.begin());
    }
    return selected;
}

std::string level_label(double level) { return significant(100.0 * level, 4) + " %"; }

ConformalCalibration calibrate_intervals(Transform transform, const SplitPrices& validation,
                                         const Eigen::MatrixXd& predicted, const std::vector<double>& levels)
{
    for (double level : levels)
        if (!(level > 0.0 && level < 1.0))
            throw SettingError({SettingRef{"interval"},
                                ": a level must be between 0 and 1 (0.9 for 90 %), got " + significant(level) + "."});
    ConformalCalibration calibration;
    calibration.transform = transform;
    calibration.levels = levels;
    const Eigen::Index H = validation.actual.rows(), n = validation.actual.cols();
    calibration.windows = std::size_t(n);
    calibration.half_widths.setConstant(Eigen::Index(levels.size()), H, std::numeric_limits<double>::infinity());
    std::vector<double> residuals(static_cast<std::size_t>(n));
    for (Eigen::Index h = 0; h < H; ++h) {
        for (Eigen::Index w = 0; w < n; ++w) {
            const double last = validation.last_price[std::size_t(w)];
            residuals[std::size_t(w)] = std::abs(to_z(transform, last, predicted(h, w)) - to_z(transform, last, validation.actual(h, w)));
        }
        std::sort(residuals.begin(), residuals.end());
        for (std::size_t l = 0; l < levels.size(); ++l) {
            const auto k = std::size_t(std::ceil(double(n + 1) * levels[l] - 1e-12));
            if (k >= 1 && k <= std::size_t(n))
                calibration.half_widths(Eigen::Index(l), h) = residuals[k - 1];
        }
    }
    return calibration;
}

IntervalBounds interval_bounds(const ConformalCalibration& calibration, std::size_t level_index,
                               const std::vector<double>& last_value, const Eigen::MatrixXd& predicted)
{
    IntervalBounds bounds{Eigen::MatrixXd(predicted.rows(), predicted.cols()), Eigen::MatrixXd(predicted.rows(), predicted.cols())};
    for (Eigen::Index w = 0; w < predicted.cols(); ++w)
        for (Eigen::Index h = 0; h < predicted.rows(); ++h) {
            const double last = last_value[std::size_t(w)];
            const double z = to_z(calibration.transform, last, predicted(h, w));
            const double q = calibration.half_widths(Eigen::Index(level_index), h);
            bounds.lower(h, w) = from_z(calibration.transform, last, z - q);
            bounds.upper(h, w) = from_z(calibration.transform, last, z + q);
        }
    return bounds;
}

std::vector<double> interval_coverage(const ConformalCalibration& calibration, const SplitPrices& prices,
                                      const Eigen::MatrixXd& predicted)
{
    std::vector<double> coverage;
    for (std::size_t l = 0; l < calibration.levels.size(); ++l) {
        const IntervalBounds bounds = interval_bounds(calibration, l, prices.last_price, predicted);
        const auto inside = ((prices.actual.array() >= bounds.lower.array()) && (prices.actual.array() <= bounds.upper.array())).count();
        coverage.push_back(prices.actual.size() ? double(inside) / double(prices.actual.size()) : std::nan(""));
    }
    return coverage;
}

} // namespace lstmlab
