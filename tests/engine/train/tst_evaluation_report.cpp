// The evaluation report: JSON that parses back with nulls for undefined values, and the text table.
#include "engine/core/json.h"
#include "engine/train/evaluation_report.h"

#include <QtTest>

#include <cmath>

using namespace lstmlab;

namespace {

SplitEvaluation sample_evaluation()
{
    // Two windows, one step; by hand: model errors 1 and -1 -> MSE 1, MAE 1; actual prices 11 and 11
    // are constant, so R^2 is undefined (null).
    const std::vector<double> last = {10.0, 12.0};
    Eigen::MatrixXd actual(1, 2), predicted(1, 2);
    actual << 11.0, 11.0;
    predicted << 12.0, 10.0;
    SplitEvaluation evaluation;
    evaluation.split = Split::Validation;
    evaluation.model = compute_metrics(last, actual, predicted);
    evaluation.persistence = compute_metrics(last, actual, persistence_forecast(last, 1));
    evaluation.training_mean = evaluation.persistence;
    return evaluation;
}

} // namespace

class TestEvaluationReport : public QObject {
    Q_OBJECT
private slots:
    void jsonParsesBack()
    {
        const SplitEvaluation evaluation = sample_evaluation();
        BacktestConfig config;
        config.cost_bps = 5;
        const BacktestResult backtest = run_backtest({10.0, 12.0}, {11.0, 11.0}, {12.0, 10.0}, config);
        const Json json = parse_json(render_evaluation_json(evaluation, &backtest, config), "report");
        QCOMPARE(json.find("split")->as_string(), std::string("validation"));
        QCOMPARE(json.find("windows")->as_number(), 2.0);
        const Json& model = *json.find("metrics")->find("model");
        QCOMPARE(model.find("average")->find("mse")->as_number(), 1.0);
        QVERIFY(model.find("average")->find("r2")->is_null());
        QCOMPARE(model.find("per_step")->size(), std::size_t(1));
        QCOMPARE(json.find("metrics")->find("persistence")->find("average")->find("mae")->as_number(), 1.0);
        const Json& strategy = *json.find("backtest")->find("strategy");
        // Both predicted moves are right (up 10 -> 11, down 12 -> 11): hit rate 1, two periods in the market.
        QCOMPARE(strategy.find("hit_rate")->as_number(), 1.0);
        QCOMPARE(strategy.find("periods_in_market")->as_number(), 2.0);
        QCOMPARE(strategy.find("equity")->size(), std::size_t(2));
        QCOMPARE(json.find("backtest")->find("mode")->as_string(), std::string("long_short"));
        const Json without = parse_json(render_evaluation_json(evaluation, nullptr, config), "report");
        QVERIFY(without.find("backtest")->is_null());
    }

    void textTable()
    {
        const std::string text = render_evaluation_text(sample_evaluation(), nullptr, BacktestConfig{});
        // Errors of 1 on prices of 11 for both forecasts: MAPE 100/11 = 9.09091 %; sMAPE from numpy
        // (100 * mean(2|p - a| / (|a| + |p|))) = 9.10973 % for both.
        const std::string expected =
            "Split validation: 2 windows, metrics in price units averaged over 1 horizon steps\n"
            "               MSE  RMSE  MAE    MAPE%   sMAPE%   R2  DirAcc\n"
            "model            1     1    1  9.09091  9.10973  n/a       1\n"
            "persistence      1     1    1  9.09091  9.10973  n/a       0\n"
            "training mean    1     1    1  9.09091  9.10973  n/a       0\n";
        QCOMPARE(QString::fromStdString(text), QString::fromStdString(expected));
    }
};

QTEST_APPLESS_MAIN(TestEvaluationReport)
#include "tst_evaluation_report.moc"
