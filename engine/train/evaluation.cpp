#include "engine/train/evaluation.h"

#include "engine/core/error.h"
#include "engine/core/number_text.h"
#include "engine/train/forecast.h"

#include <algorithm>

namespace lstmlab {
namespace {

// The season m and, when there is none, why.
std::pair<std::size_t, std::string> resolve_season(const EvaluationOptions& options, const Calendar& calendar)
{
    if (options.season > 0)
        return {std::size_t(options.season), {}};
    if (calendar.season > 1)
        return {std::size_t(calendar.season), {}};
    if (calendar.step == CalendarStep::Yearly)
        return {0, "yearly data has no season within a year; give --season N for a longer cycle"};
    return {0, calendar.evidence + ", so there is no season to infer; give --season N"};
}

void resolve_periods_per_year(const EvaluationOptions& options, EvaluationReport& report)
{
    report.backtest_config = options.backtest;
    if (options.backtest.periods_per_year > 0) {
        report.periods_per_year_source = "given";
    } else if (report.calendar.known()) {
        report.backtest_config.periods_per_year = report.calendar.periods_per_year;
        report.periods_per_year_source = "the " + std::string(calendar_step_name(report.calendar.step)) + " calendar";
    } else {
        report.backtest_config.periods_per_year = 252;
        report.periods_per_year_source = "assumed (" + report.calendar.evidence + "; give --periods-per-year)";
    }
}

} // namespace

std::string positive_price_problem(const PreparedData& data)
{
    if (data.target_level.empty())
        return "the target has no rows";
    const auto lowest = std::min_element(data.target_level.begin(), data.target_level.end());
    if (*lowest > 0.0)
        return {};
    const std::size_t row = std::size_t(lowest - data.target_level.begin());
    const std::size_t line = row < data.lines.size() ? data.lines[row] : row + 1;
    return "the target is not a positive price series (min " + significant(*lowest) + " at line " + std::to_string(line)
         + ")";
}

EvaluationReport evaluate_model(Model<float>& model, const PreparedData& data, const EvaluationOptions& options)
{
    EvaluationReport report;
    report.calendar = infer_calendar(data.time_format, data.time_keys);
    resolve_periods_per_year(options, report);
    const auto [season, season_reason] = resolve_season(options, report.calendar);
    const std::string price_problem = positive_price_problem(data);
    report.positive_price = price_problem.empty();
    if (data.windows[Split::Validation].count > 0) {
        const Forecast f = forecast_split(model, data, Split::Validation, false);
        report.validation = evaluate_split(data, Split::Validation, f.prices, f.predicted, season, season_reason);
        report.intervals = calibrate_intervals(data.pipeline.config.target.transform, f.prices, f.predicted,
                                               options.interval_levels);
    } else {
        report.not_applicable["intervals"] = "the validation split has no windows to calibrate them on";
    }
    if (data.windows[Split::Test].count == 0) {
        report.not_applicable["backtest"] = "the test split has no windows";
        return report;
    }
    const Forecast f = forecast_split(model, data, Split::Test, false);
    report.test = evaluate_split(data, Split::Test, f.prices, f.predicted, season, season_reason);
    if (report.intervals)
        report.test_coverage = interval_coverage(*report.intervals, f.prices, f.predicted);
    if (!report.positive_price) {
        report.not_applicable["backtest"] = price_problem;
        return report;
    }
    std::vector<double> next(f.prices.last_price.size()), predicted_next(next.size());
    for (std::size_t k = 0; k < next.size(); ++k) {
        next[k] = f.prices.actual(0, Eigen::Index(k));
        predicted_next[k] = f.predicted(0, Eigen::Index(k));
    }
    report.backtest = run_backtest(f.prices.last_price, next, predicted_next, report.backtest_config);
    return report;
}

} // namespace lstmlab
