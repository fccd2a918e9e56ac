#include "engine/train/baselines.h"

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

SplitEvaluation evaluate_split(const FittedPipeline& pipeline, Split split, const SplitPrices& prices,
                               const Eigen::MatrixXd& predicted_prices)
{
    SplitEvaluation evaluation;
    evaluation.split = split;
    evaluation.model = compute_metrics(prices.last_price, prices.actual, predicted_prices);
    evaluation.persistence = compute_metrics(prices.last_price, prices.actual,
                                             persistence_forecast(prices.last_price, std::size_t(prices.actual.rows())));
    evaluation.training_mean = compute_metrics(prices.last_price, prices.actual,
                                               training_mean_forecast(pipeline, prices.last_price));
    return evaluation;
}

} // namespace lstmlab
