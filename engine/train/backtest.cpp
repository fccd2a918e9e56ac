#include "engine/train/backtest.h"

#include "engine/core/error.h"
#include "engine/core/setting_error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace lstmlab {

StrategyResult evaluate_positions(const std::vector<double>& positions, const std::vector<double>& last_price,
                                  const std::vector<double>& next_price, const BacktestConfig& config)
{
    const std::size_t n = positions.size();
    const double cost = config.cost_bps / 10000.0;
    StrategyResult result;
    result.positions = positions;
    result.returns.resize(n);
    result.equity.resize(n);
    double previous = 0.0;
    double equity = 1.0;
    double peak = 1.0;
    double turnover = 0.0;
    std::size_t hits = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double asset = next_price[k] / last_price[k] - 1.0;
        const double change = std::abs(positions[k] - previous);
        const double gain = positions[k] * asset - cost * change;
        turnover += change;
        previous = positions[k];
        equity *= 1.0 + gain;
        peak = std::max(peak, equity);
        result.max_drawdown = std::max(result.max_drawdown, 1.0 - equity / peak);
        result.returns[k] = gain;
        result.equity[k] = equity;
        if (positions[k] != 0.0) {
            ++result.periods_in_market;
            hits += positions[k] * asset > 0.0;
        }
    }
    result.cumulative_return = equity - 1.0;
    result.turnover = turnover / double(n);
    if (result.periods_in_market > 0)
        result.hit_rate = double(hits) / double(result.periods_in_market);
    if (n >= 2) {
        double sum = 0.0;
        for (double gain : result.returns)
            sum += gain;
        const double mean = sum / double(n);
        double squares = 0.0;
        for (double gain : result.returns)
            squares += (gain - mean) * (gain - mean);
        const double deviation = std::sqrt(squares / double(n - 1));
        if (deviation > 0.0)
            result.sharpe = mean / deviation * std::sqrt(config.periods_per_year);
    }
    return result;
}

BacktestResult run_backtest(const std::vector<double>& last_price, const std::vector<double>& next_price,
                            const std::vector<double>& predicted_next, const BacktestConfig& config)
{
    const std::size_t n = last_price.size();
    if (n == 0 || next_price.size() != n || predicted_next.size() != n)
        throw Error("run_backtest: " + std::to_string(n) + " last prices, " + std::to_string(next_price.size())
                    + " next prices and " + std::to_string(predicted_next.size())
                    + " predictions must agree and be non-empty.");
    if (!(config.cost_bps >= 0.0))
        throw SettingError({SettingRef{"cost-bps"},
                            ": the trading cost must be zero or positive, got " + std::to_string(config.cost_bps) + "."});
    if (!(config.periods_per_year > 0.0))
        throw SettingError({SettingRef{"periods-per-year"},
                            ": must be positive, got " + std::to_string(config.periods_per_year) + "."});
    for (std::size_t k = 0; k < n; ++k)
        if (!(last_price[k] > 0.0))
            throw Error("run_backtest: period " + std::to_string(k + 1) + " starts at price "
                        + std::to_string(last_price[k]) + "; a return needs a positive price.");
    std::vector<double> positions(n);
    for (std::size_t k = 0; k < n; ++k) {
        const double move = predicted_next[k] - last_price[k];
        if (config.mode == PositionMode::LongShort)
            positions[k] = double((move > 0.0) - (move < 0.0));
        else
            positions[k] = move > 0.0 ? 1.0 : 0.0;
    }
    BacktestResult result;
    result.strategy = evaluate_positions(positions, last_price, next_price, config);
    result.buy_and_hold = evaluate_positions(std::vector<double>(n, 1.0), last_price, next_price, config);
    return result;
}

} // namespace lstmlab
