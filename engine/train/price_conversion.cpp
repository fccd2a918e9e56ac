#include "engine/train/price_conversion.h"

#include "engine/core/error.h"

namespace lstmlab {

SplitPrices split_prices(const PreparedData& data, Split split)
{
    const WindowPlan& plan = data.windows;
    const std::size_t count = plan[split].count;
    const Eigen::Index horizon = Eigen::Index(plan.horizon);
    SplitPrices prices;
    prices.last_price.resize(count);
    prices.end_rows.resize(count);
    prices.actual.resize(horizon, Eigen::Index(count));
    for (std::size_t w = 0; w < count; ++w) {
        const std::size_t t = plan.end_row(split, w);
        prices.end_rows[w] = t;
        prices.last_price[w] = data.target_level[t];
        for (Eigen::Index h = 0; h < horizon; ++h)
            prices.actual(h, Eigen::Index(w)) = data.target_level[t + 1 + std::size_t(h)];
    }
    return prices;
}

Eigen::MatrixXd predictions_to_prices(const FittedPipeline& pipeline, const std::vector<double>& last_price,
                                      const Eigen::MatrixXd& scaled_predictions)
{
    const Eigen::Index horizon = scaled_predictions.rows();
    const Eigen::Index windows = scaled_predictions.cols();
    if (horizon != pipeline.config.horizon || windows != Eigen::Index(last_price.size()))
        throw Error("predictions_to_prices: predictions are (" + std::to_string(horizon) + ", " + std::to_string(windows)
                    + ") but the pipeline has horizon " + std::to_string(pipeline.config.horizon) + " and "
                    + std::to_string(last_price.size()) + " windows were given.");
    Eigen::MatrixXd prices(horizon, windows);
    Eigen::VectorXd transformed(horizon);
    for (Eigen::Index w = 0; w < windows; ++w) {
        for (Eigen::Index h = 0; h < horizon; ++h)
            transformed(h) = pipeline.target_stats.invert(scaled_predictions(h, w));
        transformed_to_prices(pipeline.config.target.transform, last_price[std::size_t(w)], transformed.data(),
                              std::size_t(horizon), prices.col(w).data());
    }
    return prices;
}

} // namespace lstmlab
