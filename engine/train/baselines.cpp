#include "engine/train/baselines.h"

#include "engine/core/error.h"
#include "engine/core/number_text.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lstmlab {

Eigen::MatrixXd persistence_forecast(const std::vector<double>& last_price, std::size_t horizon)
{
    Eigen::MatrixXd forecast(Eigen::Index(horizon), Eigen::Index(last_price.size()));
    for (std::size_t w = 0; w < last_price.size(); ++w)
        forecast.col(Eigen::Index(w)).setConstant(last_price[w]);
    return forecast;
}

Eigen::MatrixXd training_mean_forecast(const FittedPipeline& pipeline, const std::vector<double>& last_price)
{
    const Eigen::Index horizon = pipeline.config.horizon;
    const Eigen::VectorXd mean = Eigen::VectorXd::Constant(horizon, pipeline.target_training_mean);
    Eigen::MatrixXd forecast(horizon, Eigen::Index(last_price.size()));
    for (std::size_t w = 0; w < last_price.size(); ++w)
        transformed_to_prices(pipeline.config.target.transform, last_price[w], mean.data(), std::size_t(horizon),
                              forecast.col(Eigen::Index(w)).data());
    return forecast;
}

Eigen::MatrixXd seasonal_naive_forecast(const std::vector<double>& target_level, const std::vector<std::size_t>& end_rows,
                                        std::size_t horizon, std::size_t season)
{
    if (season == 0)
        throw Error("seasonal_naive_forecast: the season must be at least 1.");
    Eigen::MatrixXd forecast(Eigen::Index(horizon), Eigen::Index(end_rows.size()));
    for (std::size_t w = 0; w < end_rows.size(); ++w)
        for (std::size_t h = 1; h <= horizon; ++h) {
            const std::size_t back = season * ((h + season - 1) / season);   // k m, k = ceil(h / m)
            const std::size_t t = end_rows[w];
            if (t + h < back || t + h - back >= target_level.size())
                throw Error("seasonal_naive_forecast: the window ending at row " + std::to_string(t)
                            + " has no value one season (" + std::to_string(season) + " rows) before step "
                            + std::to_string(h) + ".");
            forecast(Eigen::Index(h - 1), Eigen::Index(w)) = target_level[t + h - back];
        }
    return forecast;
}

std::vector<double> training_naive_scales(const PreparedData& data)
{
    const WindowPlan& plan = data.windows;
    std::vector<double> scales(plan.horizon, std::numeric_limits<double>::quiet_NaN());
    if (plan[Split::Train].count == 0)
        return scales;
    // The training target rows first_end + 1 .. last_target; each step from the row h before it.
    const std::size_t first = plan[Split::Train].first_end + 1, last = plan.train_last_target_row();
    for (std::size_t h = 1; h <= plan.horizon; ++h) {
        double sum = 0.0;
        std::size_t count = 0;
        for (std::size_t r = std::max(first, h); r <= last; ++r, ++count)
            sum += std::abs(data.target_level[r] - data.target_level[r - h]);
        if (count > 0)
            scales[h - 1] = sum / double(count);
    }
    return scales;
}

SplitEvaluation evaluate_split(const PreparedData& data, Split split, const SplitPrices& prices,
                               const Eigen::MatrixXd& predicted, std::size_t season, const std::string& season_reason)
{
    SplitEvaluation evaluation;
    evaluation.split = split;
    evaluation.naive_scales = training_naive_scales(data);
    const std::vector<double>& s = evaluation.naive_scales;
    const std::size_t horizon = std::size_t(prices.actual.rows());
    evaluation.model = compute_metrics(prices.last_price, prices.actual, predicted, s);
    evaluation.persistence = compute_metrics(prices.last_price, prices.actual,
                                             persistence_forecast(prices.last_price, horizon), s);
    evaluation.training_mean = compute_metrics(prices.last_price, prices.actual,
                                               training_mean_forecast(data.pipeline, prices.last_price), s);
    auto& why = evaluation.not_applicable;
    if (season == 0) {
        why["seasonal_naive"] = season_reason;
    } else if (prices.end_rows.empty() || prices.end_rows.front() + 1 < season) {
        why["seasonal_naive"] = "the first window has less than one season (" + std::to_string(season)
                              + " rows) of history before it";
    } else {
        evaluation.season = season;
        evaluation.seasonal_naive = compute_metrics(
            prices.last_price, prices.actual,
            seasonal_naive_forecast(data.target_level, prices.end_rows, horizon, season), s);
    }
    const std::size_t zeros = evaluation.model.average.zero_actuals;
    if (zeros > 0)
        why["mape"] = std::to_string(zeros) + " of " + std::to_string(horizon * evaluation.model.windows)
                    + " actual values are 0, and a percentage error divides by the actual value";
    if (!std::all_of(s.begin(), s.end(), [](double scale) { return scale > 0.0; }))
        why["mase"] = std::any_of(s.begin(), s.end(), [](double scale) { return std::isnan(scale); })
                          ? "the training split has too few target rows to scale it by"
                          : "the target never changes over the training split, so the naive error that scales MASE is 0";
    if (std::isnan(evaluation.model.average.r2))
        why["r2"] = "the actual values of the split are constant (R2 divides by their variance)";
    return evaluation;
}

} // namespace lstmlab
