#!/usr/bin/env python3
"""Expected numbers for tst_metrics.cpp and tst_backtest.cpp, computed once with numpy.

Run with /usr/bin/python3 (numpy); the printed values are pasted into the tests. The formulas are
the ones documented in engine/train/metrics.h and engine/train/backtest.h, written independently.
"""
import numpy as np

np.set_printoptions(precision=17)

last = np.array([100.0, 102, 101, 103, 104, 102])
actual = np.array([[102.0, 101, 103, 104, 102, 105],
                   [101.0, 103, 104, 102, 105, 106]])
pred = np.array([[101.0, 101.5, 102, 102.5, 103, 104],
                 [102.0, 102, 103, 103, 104, 107]])


def metrics(a, p, base):
    err = p - a
    mse = np.mean(err ** 2)
    mape = 100 * np.mean(np.abs(err) / np.abs(a))
    smape = 100 * np.mean(2 * np.abs(err) / (np.abs(a) + np.abs(p)))
    r2 = 1 - np.sum(err ** 2) / np.sum((a - a.mean()) ** 2)
    da = np.mean(np.sign(p - base) == np.sign(a - base))
    return [mse, np.sqrt(mse), np.mean(np.abs(err)), mape, smape, r2, da]


print("metrics per step (mse, rmse, mae, mape, smape, r2, directional accuracy)")
steps = [metrics(actual[h], pred[h], last) for h in range(2)]
for h, m in enumerate(steps):
    print(h + 1, [repr(float(v)) for v in m])
print("average", [repr(float(v)) for v in np.mean(np.array(steps), axis=0)])
print("persistence step 2", [repr(float(v)) for v in metrics(actual[1], last, last)])


def backtest(pos, last, nxt, cost_bps, periods=252):
    r = nxt / last - 1
    change = np.abs(np.diff(np.concatenate([[0.0], pos])))
    g = pos * r - cost_bps / 1e4 * change
    eq = np.cumprod(1 + g)
    peak = np.maximum.accumulate(np.maximum(eq, 1.0))
    mdd = np.max(1 - eq / peak)
    sharpe = g.mean() / g.std(ddof=1) * np.sqrt(periods)
    market = pos != 0
    hit = np.mean((pos * r)[market] > 0)
    return dict(returns=g, equity=eq, cumulative=eq[-1] - 1, sharpe=sharpe, mdd=mdd, hit=hit,
                turnover=change.mean(), in_market=int(market.sum()))


nxt = actual[0]
move = pred[0] - last
for name, pos in [("long/short", np.sign(move)), ("long/flat", (move > 0).astype(float)),
                  ("buy and hold", np.ones(6))]:
    print(name, "positions", pos)
    for key, value in backtest(pos, last, nxt, 10.0).items():
        print("  ", key, repr(value) if np.ndim(value) == 0 else [repr(float(v)) for v in value])
