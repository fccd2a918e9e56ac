#include "app/cli/report_text.h"

#include "engine/core/json.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace lstmlab::cli {
namespace {

std::string number(double value, int decimals)
{
    if (!std::isfinite(value))
        return "-";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// Significant digits for values whose scale depends on the price level.
std::string scaled(double value)
{
    if (!std::isfinite(value))
        return "-";
    char text[64];
    std::snprintf(text, sizeof text, "%.5g", value);
    return text;
}

std::string row(const std::string& name, const std::string& a, const std::string& b, const std::string& c = "")
{
    char text[160];
    std::snprintf(text, sizeof text, "  %-22s %14s %14s %14s\n", name.c_str(), a.c_str(), b.c_str(), c.c_str());
    return text;
}

void metrics_table(std::ostringstream& out, const SplitEvaluation& e, std::size_t horizon)
{
    out << split_name(e.split) << ": " << e.model.windows << " windows, price units"
        << (horizon > 1 ? ", averaged over " + std::to_string(horizon) + " horizon steps" : "") << "\n";
    out << row("metric", "model", "persistence", "training mean");
    const auto line = [&](const char* name, auto field, int decimals, double factor = 1.0) {
        const auto value = [&](const MetricsTable& t) {
            const double v = t.average.*field;
            return decimals < 0 ? scaled(v * factor) : number(v * factor, decimals);
        };
        out << row(name, value(e.model), value(e.persistence), value(e.training_mean));
    };
    line("MSE", &ForecastMetrics::mse, -1);
    line("RMSE", &ForecastMetrics::rmse, -1);
    line("MAE", &ForecastMetrics::mae, -1);
    line("MAPE %", &ForecastMetrics::mape, 3);
    line("sMAPE %", &ForecastMetrics::smape, 3);
    line("R^2", &ForecastMetrics::r2, 4);
    line("directional accuracy %", &ForecastMetrics::directional_accuracy, 2, 100.0);
}

Json metrics_json(const ForecastMetrics& m)
{
    const auto value = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
    Json out = Json::object();
    out.set("mse", value(m.mse));
    out.set("rmse", value(m.rmse));
    out.set("mae", value(m.mae));
    out.set("mape", value(m.mape));
    out.set("smape", value(m.smape));
    out.set("r2", value(m.r2));
    out.set("directional_accuracy", value(m.directional_accuracy));
    return out;
}

Json table_json(const MetricsTable& table)
{
    Json steps = Json::array();
    for (const ForecastMetrics& m : table.per_step)
        steps.push_back(metrics_json(m));
    Json out = Json::object();
    out.set("windows", table.windows);
    out.set("average", metrics_json(table.average));
    out.set("per_step", steps);
    return out;
}

Json strategy_json(const StrategyResult& s)
{
    const auto value = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
    Json out = Json::object();
    out.set("cumulative_return", value(s.cumulative_return));
    out.set("sharpe", value(s.sharpe));
    out.set("max_drawdown", value(s.max_drawdown));
    out.set("hit_rate", value(s.hit_rate));
    out.set("turnover", value(s.turnover));
    out.set("periods_in_market", s.periods_in_market);
    return out;
}

} // namespace

std::string evaluation_text(const PreparedData& data, const EvaluationReport& report)
{
    std::ostringstream out;
    out << pipeline_summary(data) << "\n\n";
    for (const auto* e : {&report.validation, &report.test}) {
        if (*e) {
            metrics_table(out, **e, data.windows.horizon);
            out << "\n";
        }
    }
    if (report.backtest) {
        const BacktestConfig& c = report.backtest_config;
        out << "backtest on the test split: "
            << (c.mode == PositionMode::LongShort ? "long/short" : "long/flat") << " on the sign of the predicted "
            << "next move, " << number(c.cost_bps, 1) << " bps per unit of position change, "
            << number(c.periods_per_year, 0) << " periods per year\n";
        const StrategyResult& s = report.backtest->strategy;
        const StrategyResult& b = report.backtest->buy_and_hold;
        out << row("", "strategy", "buy & hold");
        out << row("cumulative return %", number(s.cumulative_return * 100, 2), number(b.cumulative_return * 100, 2));
        out << row("annualised Sharpe", number(s.sharpe, 3), number(b.sharpe, 3));
        out << row("max drawdown %", number(s.max_drawdown * 100, 2), number(b.max_drawdown * 100, 2));
        out << row("hit rate %", number(s.hit_rate * 100, 2), number(b.hit_rate * 100, 2));
        out << row("turnover per period", number(s.turnover, 4), number(b.turnover, 4));
    }
    return out.str();
}

std::string evaluation_json(const PreparedData& data, const EvaluationReport& report)
{
    Json out = Json::object();
    out.set("windows", data.windows.kept());
    out.set("horizon", data.windows.horizon);
    for (const auto* e : {&report.validation, &report.test}) {
        if (!*e)
            continue;
        Json split = Json::object();
        split.set("model", table_json((*e)->model));
        split.set("persistence", table_json((*e)->persistence));
        split.set("training_mean", table_json((*e)->training_mean));
        out.set(std::string(split_name((*e)->split)), split);
    }
    if (report.backtest) {
        Json backtest = Json::object();
        backtest.set("mode", report.backtest_config.mode == PositionMode::LongShort ? "long_short" : "long_flat");
        backtest.set("cost_bps", report.backtest_config.cost_bps);
        backtest.set("periods_per_year", report.backtest_config.periods_per_year);
        backtest.set("strategy", strategy_json(report.backtest->strategy));
        backtest.set("buy_and_hold", strategy_json(report.backtest->buy_and_hold));
        out.set("backtest", backtest);
    }
    return to_json(out, true) + "\n";
}

} // namespace lstmlab::cli
