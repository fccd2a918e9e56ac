#include "engine/train/metrics.h"

#include "engine/core/error.h"

#include <cmath>
#include <string>

namespace lstmlab {
namespace {

int sign(double x) { return (x > 0.0) - (x < 0.0); }

ForecastMetrics step_metrics(const std::vector<double>& last_price, const Eigen::MatrixXd& actual,
                             const Eigen::MatrixXd& predicted, Eigen::Index h, double naive_scale)
{
    const Eigen::Index windows = actual.cols();
    double squared = 0.0, absolute = 0.0, percent = 0.0, symmetric = 0.0, actual_sum = 0.0;
    std::size_t zero_actuals = 0, same_direction = 0;
    for (Eigen::Index w = 0; w < windows; ++w) {
        const double a = actual(h, w);
        const double p = predicted(h, w);
        const double error = p - a;
        squared += error * error;
        absolute += std::abs(error);
        if (a != 0.0)
            percent += std::abs(error) / std::abs(a);
        else
            ++zero_actuals;
        const double magnitude = std::abs(a) + std::abs(p);
        if (magnitude > 0.0)
            symmetric += 2.0 * std::abs(error) / magnitude;
        actual_sum += a;
        const double base = last_price[std::size_t(w)];
        same_direction += sign(p - base) == sign(a - base);
    }
    const double count = double(windows);
    const double actual_mean = actual_sum / count;
    double total = 0.0;
    for (Eigen::Index w = 0; w < windows; ++w)
        total += (actual(h, w) - actual_mean) * (actual(h, w) - actual_mean);

    ForecastMetrics metrics;
    metrics.mse = squared / count;
    metrics.rmse = std::sqrt(metrics.mse);
    metrics.mae = absolute / count;
    metrics.mape = zero_actuals == 0 ? 100.0 * percent / count : std::nan("");
    metrics.zero_actuals = zero_actuals;
    metrics.smape = 100.0 * symmetric / count;
    metrics.r2 = total > 0.0 ? 1.0 - squared / total : std::nan("");
    metrics.directional_accuracy = double(same_direction) / count;
    metrics.mase = naive_scale > 0.0 && std::isfinite(naive_scale) ? metrics.mae / naive_scale : std::nan("");
    return metrics;
}

} // namespace

MetricsTable compute_metrics(const std::vector<double>& last_price, const Eigen::MatrixXd& actual,
                             const Eigen::MatrixXd& predicted, const std::vector<double>& naive_scales)
{
    if (actual.rows() != predicted.rows() || actual.cols() != predicted.cols()
        || actual.cols() != Eigen::Index(last_price.size()) || actual.cols() == 0 || actual.rows() == 0)
        throw Error("compute_metrics: actual (" + std::to_string(actual.rows()) + ", " + std::to_string(actual.cols())
                    + "), predicted (" + std::to_string(predicted.rows()) + ", " + std::to_string(predicted.cols())
                    + ") and " + std::to_string(last_price.size()) + " last prices must agree and be non-empty.");
    MetricsTable table;
    table.windows = std::size_t(actual.cols());
    const double steps = double(actual.rows());
    ForecastMetrics sum{0, 0, 0, 0, 0, 0, 0, 0, 0};
    for (Eigen::Index h = 0; h < actual.rows(); ++h) {
        const double scale = std::size_t(h) < naive_scales.size() ? naive_scales[std::size_t(h)] : std::nan("");
        const ForecastMetrics step = step_metrics(last_price, actual, predicted, h, scale);
        table.per_step.push_back(step);
        sum.mse += step.mse;
        sum.rmse += step.rmse;
        sum.mae += step.mae;
        sum.mape += step.mape;
        sum.smape += step.smape;
        sum.r2 += step.r2;
        sum.directional_accuracy += step.directional_accuracy;
        sum.mase += step.mase;
        sum.zero_actuals += step.zero_actuals;
    }
    table.average = {sum.mse / steps,  sum.rmse / steps, sum.mae / steps,
                     sum.mape / steps, sum.smape / steps, sum.r2 / steps,
                     sum.directional_accuracy / steps, sum.mase / steps, sum.zero_actuals};
    return table;
}

} // namespace lstmlab
