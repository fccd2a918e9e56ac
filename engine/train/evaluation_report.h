// Evaluation report: a split's metrics beside its baselines, and the backtest beside buy-and-hold,
// as an aligned text table and as JSON (what `lstmlab-cli evaluate [--json]` prints).
//
// JSON of a split: {"split": "test", "windows": W, "horizon": H, "season": m | null, "naive_scales": [s_1, ...],
//   "metrics": {"model": {"average": {...}, "per_step": [{...}, ...]}, "persistence": ...,
//               "seasonal_naive": ... | null, "training_mean": ...},
//   "reasons": {"mape": "...", ...}}            one sentence per figure that is n/a (null)
// JSON of a report: {"units": "price units" | "target units",
//   "calendar": {"step": "monthly", "evidence": "...", "periods_per_year": 12 | null, "season": 12 | null},
//   "validation": split | null, "test": split | null,
//   "backtest": {"mode": "long_short", "cost_bps": c, "periods_per_year": p, "periods_per_year_source": "...",
//                "strategy": {"cumulative_return", "sharpe", "max_drawdown", "hit_rate", "turnover",
//                             "periods_in_market", "equity": [...]}, "buy_and_hold": {...}} | null,
//   "intervals": intervals_to_json(), "reasons": {"backtest": "...", "intervals": "..."}}
// Undefined values (NaN: R^2 of constant values, MAPE with a zero actual, ...) are null.
#pragma once

#include "engine/core/json.h"
#include "engine/train/evaluation.h"

#include <string>
#include <vector>

namespace lstmlab {

Json metrics_to_json(const ForecastMetrics& metrics);
Json evaluation_to_json(const SplitEvaluation& evaluation);
Json backtest_to_json(const BacktestResult& result, const BacktestConfig& config);
Json evaluation_report_to_json(const EvaluationReport& report);
// {"method": "split conformal", "scale": "logreturn", "calibration_windows": n,
//  "levels": [{"level": 0.8, "test_coverage": c | null, "half_width": [q_1, ..., q_H]}, ...]} | null
Json intervals_to_json(const EvaluationReport& report);

// "Prediction intervals (split conformal on 829 validation windows): 80 % covers 79.1 % of test
// values; 95 % covers 94.8 % of test values" -- with a warning when a coverage falls 5 points short.
std::string render_interval_text(const EvaluationReport& report);

// Rows model / persistence / seasonal naive / training mean, columns MSE RMSE MAE MAPE% sMAPE% MASE
// R2 DirAcc (averaged over the horizon); `units` names what the figures are in.
std::string render_split_text(const SplitEvaluation& evaluation, const std::string& units);

// "n/a: MAPE: 3 of 120 actual values are 0, ...": each reason of the report and its splits once.
std::vector<std::string> not_applicable_lines(const EvaluationReport& report);

// Validation and test tables, each n/a reason once ("n/a: MAPE: ..."), then the backtest beside
// buy-and-hold or the reason it is n/a.
std::string render_evaluation_text(const EvaluationReport& report);

} // namespace lstmlab
