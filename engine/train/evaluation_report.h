// Evaluation report: a split's metrics beside its baselines, and the backtest beside buy-and-hold,
// as an aligned text table and as JSON (what `lstmlab-cli evaluate [--json]` prints).
//
// JSON: {"split": "test", "windows": W, "horizon": H,
//        "metrics": {"model": {"average": {...}, "per_step": [{...}, ...]}, "persistence": ..., "training_mean": ...},
//        "backtest": {"mode": "long_short", "cost_bps": c, "periods_per_year": p,
//                     "strategy": {"cumulative_return", "sharpe", "max_drawdown", "hit_rate", "turnover",
//                                  "periods_in_market", "equity": [...]}, "buy_and_hold": {...}}}
// Undefined values (NaN: R^2 of constant prices, a hit rate never in the market, ...) are null.
#pragma once

#include "engine/core/json.h"
#include "engine/train/backtest.h"
#include "engine/train/baselines.h"

#include <string>

namespace lstmlab {

Json metrics_to_json(const ForecastMetrics& metrics);
Json evaluation_to_json(const SplitEvaluation& evaluation);
Json backtest_to_json(const BacktestResult& result, const BacktestConfig& config);

// Both as one document; `backtest` may be null when the split was not backtested.
std::string render_evaluation_json(const SplitEvaluation& evaluation, const BacktestResult* backtest,
                                   const BacktestConfig& config);

// Rows model / persistence / training mean, columns MSE RMSE MAE MAPE% sMAPE% R2 DirAcc (averaged
// over the horizon), then the backtest beside buy-and-hold.
std::string render_evaluation_text(const SplitEvaluation& evaluation, const BacktestResult* backtest,
                                   const BacktestConfig& config);

} // namespace lstmlab
