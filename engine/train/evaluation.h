// Evaluation: what `lstmlab-cli evaluate`, train's final report, the sweep tables and the workbench's
// Results view show for a trained model -- validation and test metrics beside the naive baselines,
// and the sign backtest beside buy-and-hold.
//
// No part that does not apply takes the rest down: each figure that cannot be computed is n/a with
// one sentence (EvaluationReport::not_applicable and SplitEvaluation::not_applicable), and
// everything else is computed. The backtest trades a price: it runs only when the target is a
// positive series on every row; otherwise it is n/a ("the target is not a positive price series
// (min 0 at line 427)") and the figures are in "target units" instead of "price units".
// The calendar (calendar.h) gives the seasonal-naive lag and the Sharpe ratio's annualisation
// unless the caller fixes them.
#pragma once

#include "engine/data/calendar.h"
#include "engine/data/pipeline.h"
#include "engine/nn/model.h"
#include "engine/train/backtest.h"
#include "engine/train/baselines.h"
#include "engine/train/conformal.h"

#include <map>
#include <optional>
#include <string>

namespace lstmlab {

struct EvaluationOptions {
    BacktestConfig backtest;   // periods_per_year <= 0 (the default): from the calendar (252 when there is none)
    int season = 0;            // seasonal-naive lag in rows; 0: from the calendar
    std::vector<double> interval_levels = {0.8, 0.95};   // split-conformal levels (conformal.h)
};

struct EvaluationReport {
    std::optional<SplitEvaluation> validation;   // absent when the split has no windows
    std::optional<SplitEvaluation> test;
    std::optional<BacktestResult> backtest;      // on the test split; absent when n/a
    BacktestConfig backtest_config;              // as used: periods_per_year resolved
    std::string periods_per_year_source;         // "the monthly calendar", "--periods-per-year", ...
    Calendar calendar;
    std::optional<ConformalCalibration> intervals;   // from the validation split; absent without one
    std::vector<double> test_coverage;               // (L) share of test values inside each interval
    bool positive_price = false;                 // the target is > 0 on every row
    // Report-level parts that are n/a, with one sentence each: "backtest", "intervals".
    std::map<std::string, std::string> not_applicable;

    // "price units" for a positive price series, "target units" otherwise.
    std::string units() const { return positive_price ? "price units" : "target units"; }
};

EvaluationReport evaluate_model(Model<float>& model, const PreparedData& data, const EvaluationOptions& options = {});

// Empty when every row of the target is > 0; otherwise "the target is not a positive price series
// (min -3.2 at line 17)", naming the first row with the minimum.
std::string positive_price_problem(const PreparedData& data);

} // namespace lstmlab
