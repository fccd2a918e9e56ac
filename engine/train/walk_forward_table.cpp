#include "engine/train/walk_forward_table.h"

#include "engine/core/csv_format.h"
#include "engine/core/number_text.h"

#include <cmath>

namespace lstmlab {
namespace {

struct Cells {
    int digits;
    std::string missing;
    std::string operator()(double value) const
    {
        if (!std::isfinite(value))
            return missing;
        return digits > 0 ? significant(value, digits) : csv_number(value);
    }
};

} // namespace

std::vector<std::vector<std::string>> walk_forward_rows(const WalkForwardResult& result, int digits,
                                                        const std::string& missing)
{
    const Cells cell{digits, missing};
    std::vector<std::string> header = {"fold", "first", "cut", "last", "train_windows", "validation_windows",
                                       "test_windows", "epochs", "status", "rmse", "persistence_rmse",
                                       "training_mean_rmse", "seasonal_naive_rmse", "mae", "persistence_mae",
                                       "directional_accuracy", "sharpe", "buy_hold_sharpe"};
    for (double level : result.levels)
        header.push_back("coverage_" + significant(100.0 * level, 4));
    header.push_back("dm");
    header.push_back("p_value");
    std::vector<std::vector<std::string>> rows = {header};
    const auto add = [&](std::vector<std::string> row, const MetricsTable& model, const MetricsTable& persistence,
                         const MetricsTable& training_mean, const MetricsTable& seasonal,
                         const std::optional<BacktestResult>& backtest, const std::vector<double>& coverage,
                         const DieboldMariano& dm) {
        const auto sharpe = [&](bool strategy) {
            return backtest ? (strategy ? backtest->strategy.sharpe : backtest->buy_and_hold.sharpe) : NAN;
        };
        for (double value : {model.average.rmse, persistence.average.rmse, training_mean.average.rmse,
                             seasonal.windows > 0 ? seasonal.average.rmse : NAN, model.average.mae,
                             persistence.average.mae, model.average.directional_accuracy, sharpe(true), sharpe(false)})
            row.push_back(cell(value));
        for (std::size_t l = 0; l < result.levels.size(); ++l)
            row.push_back(cell(l < coverage.size() ? coverage[l] : NAN));
        row.push_back(cell(dm.statistic));
        row.push_back(cell(dm.p_value));
        rows.push_back(std::move(row));
    };
    for (const FoldResult& fold : result.folds) {
        const SplitEvaluation& test = *fold.report.test;
        add({std::to_string(fold.index + 1), fold.first_label, fold.cut_label, fold.last_label,
             std::to_string(fold.train_windows), std::to_string(fold.validation_windows),
             std::to_string(fold.test_windows), std::to_string(fold.epochs), std::string(status_name(fold.status))},
            test.model, test.persistence, test.training_mean, test.seasonal_naive, fold.report.backtest,
            fold.report.test_coverage, fold.dm);
    }
    if (!result.folds.empty()) {
        const WalkForwardOverall& o = result.overall;
        add({"all", result.folds.front().first_label, result.folds.front().cut_label, result.folds.back().last_label,
             missing, missing, std::to_string(o.windows), missing, missing},
            o.model, o.persistence, o.training_mean, o.seasonal_naive, o.backtest, o.coverage, o.dm);
    }
    return rows;
}

std::string walk_forward_csv(const WalkForwardResult& result)
{
    std::string csv;
    for (const auto& row : walk_forward_rows(result, 0, "")) {
        for (std::size_t k = 0; k < row.size(); ++k)
            csv += (k ? "," : "") + csv_field(row[k]);
        csv += "\n";
    }
    return csv;
}

std::string diebold_mariano_sentence(const DieboldMariano& dm)
{
    if (!std::isfinite(dm.statistic))
        return "model vs persistence: the Diebold-Mariano test is n/a (" +
               std::string(dm.n < 2 ? "fewer than 2 test windows" : "the two forecasts' losses do not differ") + ")";
    std::string text = "model vs persistence: DM* " + significant(dm.statistic, 3) + ", p = " + significant(dm.p_value, 2) +
                       " (two-sided, Student t with " + std::to_string(dm.n - 1) + " df, " + std::to_string(dm.n) +
                       " windows, horizon " + std::to_string(dm.horizon) + "): ";
    const std::string better = dm.mean_difference < 0 ? "the model's squared error is lower" : "persistence's squared error is lower";
    if (dm.p_value < 0.01)
        text += better + ", significant at the 1 % level";
    else if (dm.p_value < 0.05)
        text += better + ", significant at the 5 % level";
    else
        text += "no significant difference at the 5 % level (" + better + ", by no more than luck would give)";
    if (dm.variance_fallback)
        text += "; the long-run variance was not positive, so the lag-0 variance was used";
    return text;
}

} // namespace lstmlab
