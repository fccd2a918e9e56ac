#include "engine/train/evaluation_report.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace lstmlab {
namespace {

Json number_or_null(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

// Six significant digits, independent of the locale; "n/a" for NaN.
std::string figure(double value)
{
    if (!std::isfinite(value))
        return "n/a";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 6);
    return std::string(buffer, result.ptr);
}

Json table_to_json(const MetricsTable& table)
{
    Json json = Json::object();
    json.set("average", metrics_to_json(table.average));
    Json steps = Json::array();
    for (const auto& step : table.per_step)
        steps.push_back(metrics_to_json(step));
    json.set("per_step", std::move(steps));
    return json;
}

Json strategy_to_json(const StrategyResult& result)
{
    Json json = Json::object();
    json.set("cumulative_return", number_or_null(result.cumulative_return));
    json.set("sharpe", number_or_null(result.sharpe));
    json.set("max_drawdown", number_or_null(result.max_drawdown));
    json.set("hit_rate", number_or_null(result.hit_rate));
    json.set("turnover", number_or_null(result.turnover));
    json.set("periods_in_market", result.periods_in_market);
    Json equity = Json::array();
    for (double value : result.equity)
        equity.push_back(number_or_null(value));
    json.set("equity", std::move(equity));
    return json;
}

std::string aligned(const std::vector<std::vector<std::string>>& rows)
{
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size(); ++k)
            widths[k] = std::max(widths[k], row[k].size());
    std::string text;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t k = 0; k < row.size(); ++k) {
            const std::string pad(widths[k] - row[k].size(), ' ');
            line += k == 0 ? row[k] + pad : "  " + pad + row[k];
        }
        text += line + "\n";
    }
    return text;
}

} // namespace

Json metrics_to_json(const ForecastMetrics& metrics)
{
    Json json = Json::object();
    json.set("mse", number_or_null(metrics.mse));
    json.set("rmse", number_or_null(metrics.rmse));
    json.set("mae", number_or_null(metrics.mae));
    json.set("mape", number_or_null(metrics.mape));
    json.set("smape", number_or_null(metrics.smape));
    json.set("r2", number_or_null(metrics.r2));
    json.set("directional_accuracy", number_or_null(metrics.directional_accuracy));
    return json;
}

Json evaluation_to_json(const SplitEvaluation& evaluation)
{
    Json json = Json::object();
    json.set("split", std::string(split_name(evaluation.split)));
    json.set("windows", evaluation.model.windows);
    json.set("horizon", evaluation.model.per_step.size());
    Json metrics = Json::object();
    metrics.set("model", table_to_json(evaluation.model));
    metrics.set("persistence", table_to_json(evaluation.persistence));
    metrics.set("training_mean", table_to_json(evaluation.training_mean));
    json.set("metrics", std::move(metrics));
    return json;
}

Json backtest_to_json(const BacktestResult& result, const BacktestConfig& config)
{
    Json json = Json::object();
    json.set("mode", config.mode == PositionMode::LongShort ? "long_short" : "long_flat");
    json.set("cost_bps", config.cost_bps);
    json.set("periods_per_year", config.periods_per_year);
    json.set("strategy", strategy_to_json(result.strategy));
    json.set("buy_and_hold", strategy_to_json(result.buy_and_hold));
    return json;
}

std::string render_evaluation_json(const SplitEvaluation& evaluation, const BacktestResult* backtest,
                                   const BacktestConfig& config)
{
    Json json = evaluation_to_json(evaluation);
    json.set("backtest", backtest ? backtest_to_json(*backtest, config) : Json(nullptr));
    return to_json(json, true) + "\n";
}

std::string render_evaluation_text(const SplitEvaluation& evaluation, const BacktestResult* backtest,
                                   const BacktestConfig& config)
{
    std::string text = "Split " + std::string(split_name(evaluation.split)) + ": " + std::to_string(evaluation.model.windows)
                     + " windows, metrics in price units averaged over " + std::to_string(evaluation.model.per_step.size())
                     + " horizon steps\n";
    std::vector<std::vector<std::string>> rows = {{"", "MSE", "RMSE", "MAE", "MAPE%", "sMAPE%", "R2", "DirAcc"}};
    auto add = [&](const std::string& name, const ForecastMetrics& m) {
        rows.push_back({name, figure(m.mse), figure(m.rmse), figure(m.mae), figure(m.mape), figure(m.smape), figure(m.r2),
                        figure(m.directional_accuracy)});
    };
    add("model", evaluation.model.average);
    add("persistence", evaluation.persistence.average);
    add("training mean", evaluation.training_mean.average);
    text += aligned(rows);
    if (!backtest)
        return text;
    text += "\nBacktest (" + std::string(config.mode == PositionMode::LongShort ? "long/short" : "long/flat") + ", "
          + figure(config.cost_bps) + " bp per unit of position change, " + figure(config.periods_per_year)
          + " periods per year)\n";
    std::vector<std::vector<std::string>> trades = {{"", "return", "Sharpe", "max DD", "hit rate", "turnover"}};
    auto add_strategy = [&](const std::string& name, const StrategyResult& s) {
        trades.push_back({name, figure(s.cumulative_return), figure(s.sharpe), figure(s.max_drawdown), figure(s.hit_rate),
                          figure(s.turnover)});
    };
    add_strategy("strategy", backtest->strategy);
    add_strategy("buy and hold", backtest->buy_and_hold);
    return text + aligned(trades);
}

} // namespace lstmlab
