// The sign-of-predicted-move backtest against numpy (evaluation_expected.py, run once with
// /usr/bin/python3 + numpy 1.24; values pasted below). Costs 10 bp, 252 periods per year.
#include "engine/core/error.h"
#include "engine/train/backtest.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>

namespace tst_backtest {

using namespace lstmlab;

namespace {

const std::vector<double> last_price = {100, 102, 101, 103, 104, 102};
const std::vector<double> next_price = {102, 101, 103, 104, 102, 105};
const std::vector<double> predicted_next = {101, 101.5, 102, 102.5, 103, 104};

void compare_series(const std::vector<double>& got, const QList<double>& expected)
{
    QCOMPARE(int(got.size()), int(expected.size()));
    for (std::size_t k = 0; k < got.size(); ++k)
        QVERIFY2(std::abs(got[k] - expected[int(k)]) < 1e-12,
                 qPrintable(QString("[%1] %2 vs %3").arg(k).arg(got[k], 0, 'g', 17).arg(expected[int(k)], 0, 'g', 17)));
}

void near(double got, double expected)
{
    QVERIFY2(std::abs(got - expected) < 1e-10, qPrintable(QString("%1 vs %2").arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

} // namespace

class TestBacktest : public QObject {
    Q_OBJECT
private slots:
    void strategies_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QList<double>>("positions");
        QTest::addColumn<QList<double>>("returns");
        QTest::addColumn<QList<double>>("equity");
        QTest::addColumn<QList<double>>("stats");  // cumulative, sharpe, max drawdown, hit rate, turnover, in market
        QTest::newRow("long/short") << int(PositionMode::LongShort) << QList<double>{1, -1, 1, -1, -1, 1}
            << QList<double>{0.019000000000000017, 0.007803921568627416, 0.017801980198019818, -0.011708737864077666,
                             0.019230769230769273, 0.027411764705882247}
            << QList<double>{1.0190000000000001, 1.0269521960784314, 1.0452339787373326, 1.0329956080736702,
                             1.052860908228933, 1.081721683713326}
            << QList<double>{0.08172168371332611, 15.32603286803109, 0.011708737864077667, 0.8333333333333334, 1.5, 6};
        QTest::newRow("long/flat") << int(PositionMode::LongFlat) << QList<double>{1, 0, 1, 0, 0, 1}
            << QList<double>{0.019000000000000017, -0.001, 0.01880198019801982, -0.001, 0.0, 0.028411764705882248}
            << QList<double>{1.0190000000000001, 1.017981, 1.0371210586039605, 1.0360839375453565, 1.0360839375453565,
                             1.0655209105944394}
            << QList<double>{0.06552091059443943, 13.134900877964888, 0.001000000000000112, 1.0, 0.8333333333333334, 3};
    }
    void strategies()
    {
        QFETCH(int, mode);
        QFETCH(QList<double>, positions);
        QFETCH(QList<double>, returns);
        QFETCH(QList<double>, equity);
        QFETCH(QList<double>, stats);
        BacktestConfig config;
        config.periods_per_year = 252.0;
        config.mode = PositionMode(mode);
        config.cost_bps = 10.0;
        const BacktestResult result = run_backtest(last_price, next_price, predicted_next, config);
        const StrategyResult& strategy = result.strategy;
        compare_series(strategy.positions, positions);
        compare_series(strategy.returns, returns);
        compare_series(strategy.equity, equity);
        near(strategy.cumulative_return, stats[0]);
        near(strategy.sharpe, stats[1]);
        near(strategy.max_drawdown, stats[2]);
        near(strategy.hit_rate, stats[3]);
        near(strategy.turnover, stats[4]);
        QCOMPARE(double(strategy.periods_in_market), stats[5]);
    }

    void buyAndHold()
    {
        BacktestConfig config;
        config.periods_per_year = 252.0;
        config.cost_bps = 10.0;
        const StrategyResult hold = run_backtest(last_price, next_price, predicted_next, config).buy_and_hold;
        compare_series(hold.equity, {1.0190000000000001, 1.0090098039215687, 1.0289901960784316, 1.038980392156863,
                                     1.0190000000000001, 1.0489705882352942});
        near(hold.cumulative_return, 0.04897058823529421);
        near(hold.sharpe, 6.855204079930712);
        near(hold.max_drawdown, 0.019230769230769384);
        near(hold.hit_rate, 0.6666666666666666);
        near(hold.turnover, 0.16666666666666666);
    }

    void costsAndAnnualisation()
    {
        // Without costs and with 12 periods a year, Sharpe scales by sqrt(12 / 252) of the cost-free one.
        BacktestConfig daily;
        daily.periods_per_year = 252.0;
        BacktestConfig monthly;
        monthly.periods_per_year = 12.0;
        const double a = run_backtest(last_price, next_price, predicted_next, daily).strategy.sharpe;
        const double b = run_backtest(last_price, next_price, predicted_next, monthly).strategy.sharpe;
        near(b / a, std::sqrt(12.0 / 252.0));
        // Never in the market: no hit rate, no return, no Sharpe.
        BacktestConfig flat;
        flat.periods_per_year = 252.0;
        flat.mode = PositionMode::LongFlat;
        const std::vector<double> down(6, 1.0);
        const StrategyResult idle = run_backtest(last_price, next_price, down, flat).strategy;
        QVERIFY(std::isnan(idle.hit_rate));
        QVERIFY(std::isnan(idle.sharpe));
        QCOMPARE(idle.cumulative_return, 0.0);
        QCOMPARE(idle.turnover, 0.0);
    }

    void badInput()
    {
        QVERIFY_THROWS_EXCEPTION(Error, run_backtest({}, {}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, run_backtest({1, 2}, {1}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(Error, run_backtest({0, 2}, {1, 2}, {1, 2}));
        BacktestConfig negative;
        negative.cost_bps = -1;
        QVERIFY_THROWS_EXCEPTION(Error, run_backtest({1, 2}, {1, 2}, {1, 2}, negative));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestBacktest)

}  // namespace tst_backtest
#include "tst_backtest.moc"
