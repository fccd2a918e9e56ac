// The walk-forward fold table: one row per fold and an overall row, as `backtest` prints it, writes
// it (--out) and the workbench shows and exports it. Columns (docs/file-formats.md):
//   fold                    1 .. K, then "all"
//   first, cut, last        time (or row number) of the first row the fold saw, of its cut (the
//                           first value its block predicts) and of the last row it saw
//   train_windows, validation_windows, test_windows
//   epochs, status          of the training whose weights the fold used
//   rmse, persistence_rmse, training_mean_rmse, seasonal_naive_rmse, mae, persistence_mae
//                           on the test block, averaged over the horizon steps, in the target's units
//   directional_accuracy    share of windows whose predicted move has the actual move's sign
//   sharpe, buy_hold_sharpe the sign backtest on the block and buy-and-hold, annualised
//   coverage_80, coverage_95 ...   share of actual values inside each interval
//   dm, p_value             Diebold-Mariano DM* of model vs persistence and its two-sided p-value
// Figures that do not apply are empty in the CSV and "-" in the text table.
#pragma once

#include "engine/train/walk_forward.h"

#include <string>
#include <vector>

namespace lstmlab {

// Header and rows of the table; numbers with `digits` significant digits (0: the CSV's exact form),
// not-applicable figures as `missing`.
std::vector<std::vector<std::string>> walk_forward_rows(const WalkForwardResult& result, int digits,
                                                        const std::string& missing);

std::string walk_forward_csv(const WalkForwardResult& result);

// "model vs persistence: DM* -3.21, p = 0.0014 (two-sided, Student t with 95 df): the model's squared
// error is lower, significant at the 1 % level" -- the verdict in one sentence.
std::string diebold_mariano_sentence(const DieboldMariano& dm);

} // namespace lstmlab
