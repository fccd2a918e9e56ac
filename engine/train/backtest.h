// Backtest: trade the test split on the sign of the predicted one-step move, beside buy-and-hold.
//
// Legend: n = periods (test windows in time order, consecutive), P_k = last known price of period k,
// N_k = the next price (actual P_{t+1}), Q_k = the predicted next price.
//   position   s_k = sign(Q_k - P_k) in {-1, 0, 1} (long/short) or [Q_k > P_k] in {0, 1} (long/flat)
//   asset      r_k = N_k / P_k - 1
//   strategy   g_k = s_k r_k - c |s_k - s_{k-1}|,  s_{-1} = 0, c = cost_bps / 10000 (entering the
//              first position pays; the position left open at the end is not charged for closing)
//   equity     E_k = prod_{j<=k} (1 + g_j), starting capital 1
//   cumulative return  E_{n-1} - 1
//   Sharpe     mean(g) / std(g) * sqrt(periods_per_year), std with ddof = 1 (the sample standard
//              deviation, as pandas' .std() and most quant write-ups use); NaN when n < 2 or std = 0
//   max drawdown  max_k (1 - E_k / max(1, max_{j<=k} E_j)), a positive fraction
//   hit rate   among periods with s_k != 0, the fraction with s_k r_k > 0 (NaN if never in the market)
//   turnover   mean |s_k - s_{k-1}| per period
// Buy-and-hold is the same computation with s_k = 1 throughout (it pays the entry cost once).
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace lstmlab {

enum class PositionMode { LongShort, LongFlat };

struct BacktestConfig {
    PositionMode mode = PositionMode::LongShort;
    double cost_bps = 0.0;             // per unit of |position change|
    // Sharpe's annualisation. 0: not given -- evaluate_model and walk_forward take it from the data's
    // calendar (12 for monthly rows, 252 for trading days; 252 when the calendar is unknown);
    // run_backtest itself sees no dates and needs it positive.
    double periods_per_year = 0.0;
};

struct StrategyResult {
    std::vector<double> positions;     // (n) s_k
    std::vector<double> returns;       // (n) g_k, after costs
    std::vector<double> equity;        // (n) E_k
    double cumulative_return = 0.0;
    double sharpe = std::numeric_limits<double>::quiet_NaN();
    double max_drawdown = 0.0;
    double hit_rate = std::numeric_limits<double>::quiet_NaN();
    double turnover = 0.0;
    std::size_t periods_in_market = 0;
};

struct BacktestResult {
    StrategyResult strategy;
    StrategyResult buy_and_hold;
};

// last_price (n), next_price (n), predicted_next (n). Throws Error on mismatched sizes, n = 0, a
// non-positive last price or a negative cost.
BacktestResult run_backtest(const std::vector<double>& last_price, const std::vector<double>& next_price,
                            const std::vector<double>& predicted_next, const BacktestConfig& config = {});

// The statistics of given positions (used for both the strategy and buy-and-hold).
StrategyResult evaluate_positions(const std::vector<double>& positions, const std::vector<double>& last_price,
                                  const std::vector<double>& next_price, const BacktestConfig& config);

} // namespace lstmlab
