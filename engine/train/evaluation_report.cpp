#include "engine/train/evaluation_report.h"

#include "engine/core/number_text.h"
#include "engine/core/text_table.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lstmlab {
namespace {

// Six significant digits, independent of the locale; "n/a" for NaN.
std::string figure(double value) { return std::isfinite(value) ? significant(value) : "n/a"; }

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

Json reasons_to_json(const std::map<std::string, std::string>& reasons)
{
    Json json = Json::object();
    for (const auto& [key, reason] : reasons)
        json.set(key, reason);
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

// "MAPE", "MASE", "R2", "seasonal naive", "backtest": how a reason's key reads in a sentence.
std::string reason_label(const std::string& key)
{
    if (key == "mape" || key == "mase")
        return key == "mape" ? "MAPE" : "MASE";
    if (key == "r2")
        return "R2";
    if (key == "seasonal_naive")
        return "seasonal naive";
    if (key == "intervals")
        return "prediction intervals";
    return key;
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
    json.set("mase", number_or_null(metrics.mase));
    json.set("r2", number_or_null(metrics.r2));
    json.set("directional_accuracy", number_or_null(metrics.directional_accuracy));
    json.set("zero_actuals", metrics.zero_actuals);
    return json;
}

Json evaluation_to_json(const SplitEvaluation& evaluation)
{
    Json json = Json::object();
    json.set("split", std::string(split_name(evaluation.split)));
    json.set("windows", evaluation.model.windows);
    json.set("horizon", evaluation.model.per_step.size());
    json.set("season", evaluation.season > 0 ? Json(evaluation.season) : Json(nullptr));
    Json scales = Json::array();
    for (double scale : evaluation.naive_scales)
        scales.push_back(number_or_null(scale));
    json.set("naive_scales", std::move(scales));
    Json metrics = Json::object();
    metrics.set("model", table_to_json(evaluation.model));
    metrics.set("persistence", table_to_json(evaluation.persistence));
    metrics.set("seasonal_naive", evaluation.has_seasonal_naive() ? table_to_json(evaluation.seasonal_naive) : Json(nullptr));
    metrics.set("training_mean", table_to_json(evaluation.training_mean));
    json.set("metrics", std::move(metrics));
    json.set("reasons", reasons_to_json(evaluation.not_applicable));
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

Json evaluation_report_to_json(const EvaluationReport& report)
{
    Json json = Json::object();
    json.set("units", report.units());
    Json calendar = Json::object();
    calendar.set("step", std::string(calendar_step_name(report.calendar.step)));
    calendar.set("evidence", report.calendar.evidence);
    calendar.set("periods_per_year", report.calendar.known() ? Json(report.calendar.periods_per_year) : Json(nullptr));
    calendar.set("season", report.calendar.season > 0 ? Json(report.calendar.season) : Json(nullptr));
    json.set("calendar", std::move(calendar));
    json.set("validation", report.validation ? evaluation_to_json(*report.validation) : Json(nullptr));
    json.set("test", report.test ? evaluation_to_json(*report.test) : Json(nullptr));
    if (report.backtest) {
        Json backtest = backtest_to_json(*report.backtest, report.backtest_config);
        backtest.set("periods_per_year_source", report.periods_per_year_source);
        json.set("backtest", std::move(backtest));
    } else {
        json.set("backtest", Json(nullptr));
    }
    json.set("intervals", intervals_to_json(report));
    json.set("reasons", reasons_to_json(report.not_applicable));
    return json;
}

Json intervals_to_json(const EvaluationReport& report)
{
    if (!report.intervals)
        return Json(nullptr);
    const ConformalCalibration& c = *report.intervals;
    Json levels = Json::array();
    for (std::size_t l = 0; l < c.levels.size(); ++l) {
        Json level = Json::object();
        level.set("level", c.levels[l]);
        level.set("test_coverage", l < report.test_coverage.size() ? number_or_null(report.test_coverage[l]) : Json(nullptr));
        Json widths = Json::array();
        for (Eigen::Index h = 0; h < c.half_widths.cols(); ++h)
            widths.push_back(number_or_null(c.half_widths(Eigen::Index(l), h)));
        level.set("half_width", std::move(widths));
        levels.push_back(std::move(level));
    }
    Json json = Json::object();
    json.set("method", "split conformal");
    json.set("scale", std::string(transform_name(c.transform)));
    json.set("calibration_windows", c.windows);
    json.set("levels", std::move(levels));
    return json;
}

std::string render_interval_text(const EvaluationReport& report)
{
    if (!report.intervals)
        return {};
    const ConformalCalibration& c = *report.intervals;
    std::string text = "Prediction intervals (split conformal on " + std::to_string(c.windows) + " validation windows):";
    for (std::size_t l = 0; l < c.levels.size(); ++l) {
        text += (l ? "; " : " ") + level_label(c.levels[l]);
        if (!c.half_widths.row(Eigen::Index(l)).allFinite()) {
            text += " n/a (too few validation windows for this level)";
            continue;
        }
        if (l >= report.test_coverage.size() || !std::isfinite(report.test_coverage[l]))
            continue;
        const double coverage = report.test_coverage[l];
        text += " covers " + significant(100.0 * coverage, 3) + " % of test values";
        if (coverage < c.levels[l] - 0.05)
            text += " (BELOW its level: the test period behaves unlike the validation period)";
    }
    return text + "\n";
}

std::string render_split_text(const SplitEvaluation& evaluation, const std::string& units)
{
    std::string text = "Split " + std::string(split_name(evaluation.split)) + ": " + std::to_string(evaluation.model.windows)
                     + " windows, metrics in " + units + " averaged over "
                     + std::to_string(evaluation.model.per_step.size()) + " horizon steps\n";
    std::vector<std::vector<std::string>> rows = {{"", "MSE", "RMSE", "MAE", "MAPE%", "sMAPE%", "MASE", "R2", "DirAcc"}};
    auto add = [&](const std::string& name, const ForecastMetrics& m) {
        rows.push_back({name, figure(m.mse), figure(m.rmse), figure(m.mae), figure(m.mape), figure(m.smape), figure(m.mase),
                        figure(m.r2), figure(m.directional_accuracy)});
    };
    add("model", evaluation.model.average);
    add("persistence", evaluation.persistence.average);
    if (evaluation.has_seasonal_naive())
        add("seasonal naive (" + std::to_string(evaluation.season) + ")", evaluation.seasonal_naive.average);
    add("training mean", evaluation.training_mean.average);
    return text + aligned_table(rows);
}

std::vector<std::string> not_applicable_lines(const EvaluationReport& report)
{
    std::vector<std::string> lines;
    auto note = [&](const std::string& key, const std::string& reason) {
        const std::string line = "n/a: " + reason_label(key) + ": " + reason + ".";
        if (std::find(lines.begin(), lines.end(), line) == lines.end())
            lines.push_back(line);
    };
    for (const auto* split : {&report.validation, &report.test})
        if (*split)
            for (const auto& [key, reason] : (*split)->not_applicable)
                note(key, reason);
    for (const auto& [key, reason] : report.not_applicable)
        note(key, reason);
    return lines;
}

std::string render_evaluation_text(const EvaluationReport& report)
{
    std::string text;
    for (const auto* split : {&report.validation, &report.test})
        if (*split)
            text += (text.empty() ? "" : "\n") + render_split_text(**split, report.units());
    text += render_interval_text(report);
    for (const std::string& line : not_applicable_lines(report))
        text += line + "\n";
    if (!report.backtest)
        return text;
    const BacktestConfig& config = report.backtest_config;
    text += "\nBacktest (" + std::string(config.mode == PositionMode::LongShort ? "long/short" : "long/flat") + ", "
          + figure(config.cost_bps) + " bp per unit of position change, Sharpe annualised with "
          + figure(config.periods_per_year) + " periods per year: " + report.periods_per_year_source + ")\n";
    std::vector<std::vector<std::string>> trades = {{"", "return", "Sharpe", "max DD", "hit rate", "turnover"}};
    auto add_strategy = [&](const std::string& name, const StrategyResult& s) {
        trades.push_back({name, figure(s.cumulative_return), figure(s.sharpe), figure(s.max_drawdown), figure(s.hit_rate),
                          figure(s.turnover)});
    };
    add_strategy("strategy", report.backtest->strategy);
    add_strategy("buy and hold", report.backtest->buy_and_hold);
    return text + aligned_table(trades);
}

} // namespace lstmlab
