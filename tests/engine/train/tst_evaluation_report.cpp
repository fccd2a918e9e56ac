// The evaluation report: JSON that parses back with nulls and reasons for what is n/a, and the text
// table with each reason printed once.
#include "engine/core/json.h"
#include "engine/train/evaluation_report.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>

namespace tst_evaluation_report {

using namespace lstmlab;

namespace {

SplitEvaluation sample_evaluation(Split split = Split::Validation)
{
    // Two windows, one step; by hand: model errors 1 and -1 -> MSE 1, MAE 1; actual prices 11 and 11
    // are constant, so R^2 is undefined (null); naive scale 2 -> MASE 0.5.
    const std::vector<double> last = {10.0, 12.0};
    Eigen::MatrixXd actual(1, 2), predicted(1, 2);
    actual << 11.0, 11.0;
    predicted << 12.0, 10.0;
    SplitEvaluation evaluation;
    evaluation.split = split;
    evaluation.naive_scales = {2.0};
    evaluation.model = compute_metrics(last, actual, predicted, {2.0});
    evaluation.persistence = compute_metrics(last, actual, persistence_forecast(last, 1), {2.0});
    evaluation.training_mean = evaluation.persistence;
    evaluation.not_applicable["r2"] = "the actual values of the split are constant";
    evaluation.not_applicable["seasonal_naive"] = "no calendar";
    return evaluation;
}

EvaluationReport sample_report(bool with_backtest)
{
    EvaluationReport report;
    report.validation = sample_evaluation(Split::Validation);
    report.test = sample_evaluation(Split::Test);
    report.positive_price = with_backtest;
    report.backtest_config.cost_bps = 5;
    report.backtest_config.periods_per_year = 12;
    report.periods_per_year_source = "the monthly calendar";
    if (with_backtest)
        report.backtest = run_backtest({10.0, 12.0}, {11.0, 11.0}, {12.0, 10.0}, report.backtest_config);
    else
        report.not_applicable["backtest"] = "the target is not a positive price series (min 0 at line 7)";
    return report;
}

} // namespace

class TestEvaluationReport : public QObject {
    Q_OBJECT
private slots:
    void jsonParsesBack()
    {
        const Json json = parse_json(to_json(evaluation_report_to_json(sample_report(true))), "report");
        QCOMPARE(json.find("units")->as_string(), std::string("price units"));
        const Json& validation = *json.find("validation");
        QCOMPARE(validation.find("split")->as_string(), std::string("validation"));
        QCOMPARE(validation.find("windows")->as_number(), 2.0);
        const Json& model = *validation.find("metrics")->find("model");
        QCOMPARE(model.find("average")->find("mse")->as_number(), 1.0);
        QCOMPARE(model.find("average")->find("mase")->as_number(), 0.5);
        QVERIFY(model.find("average")->find("r2")->is_null());
        QCOMPARE(model.find("per_step")->size(), std::size_t(1));
        QVERIFY(validation.find("metrics")->find("seasonal_naive")->is_null());
        QVERIFY(validation.find("season")->is_null());
        QCOMPARE(validation.find("reasons")->find("r2")->as_string(),
                 std::string("the actual values of the split are constant"));
        QCOMPARE(validation.find("metrics")->find("persistence")->find("average")->find("mae")->as_number(), 1.0);
        const Json& backtest = *json.find("backtest");
        const Json& strategy = *backtest.find("strategy");
        // Both predicted moves are right (up 10 -> 11, down 12 -> 11): hit rate 1, two periods in the market.
        QCOMPARE(strategy.find("hit_rate")->as_number(), 1.0);
        QCOMPARE(strategy.find("periods_in_market")->as_number(), 2.0);
        QCOMPARE(strategy.find("equity")->size(), std::size_t(2));
        QCOMPARE(backtest.find("mode")->as_string(), std::string("long_short"));
        QCOMPARE(backtest.find("periods_per_year")->as_number(), 12.0);
        QCOMPARE(backtest.find("periods_per_year_source")->as_string(), std::string("the monthly calendar"));
        QCOMPARE(json.find("reasons")->size(), std::size_t(0));
    }

    void backtestNotApplicableIsNullWithItsReason()
    {
        const Json json = parse_json(to_json(evaluation_report_to_json(sample_report(false))), "report");
        QVERIFY(json.find("backtest")->is_null());
        QCOMPARE(json.find("units")->as_string(), std::string("target units"));
        QCOMPARE(json.find("reasons")->find("backtest")->as_string(),
                 std::string("the target is not a positive price series (min 0 at line 7)"));
        // Everything else is still there.
        QCOMPARE(json.find("test")->find("metrics")->find("model")->find("average")->find("rmse")->as_number(), 1.0);
    }

    void textTable()
    {
        const std::string text = render_evaluation_text(sample_report(false));
        // Errors of 1 on prices of 11 for both forecasts: MAPE 100/11 = 9.09091 %; sMAPE from numpy
        // (100 * mean(2|p - a| / (|a| + |p|))) = 9.10973 % for both. Each reason once, though both
        // splits carry it.
        const std::string table =
            "               MSE  RMSE  MAE    MAPE%   sMAPE%  MASE   R2  DirAcc\n"
            "model            1     1    1  9.09091  9.10973   0.5  n/a       1\n"
            "persistence      1     1    1  9.09091  9.10973   0.5  n/a       0\n"
            "training mean    1     1    1  9.09091  9.10973   0.5  n/a       0\n";
        const std::string expected =
            "Split validation: 2 windows, metrics in target units averaged over 1 horizon steps\n" + table
            + "\nSplit test: 2 windows, metrics in target units averaged over 1 horizon steps\n" + table
            + "n/a: R2: the actual values of the split are constant.\n"
              "n/a: seasonal naive: no calendar.\n"
              "n/a: backtest: the target is not a positive price series (min 0 at line 7).\n";
        QCOMPARE(QString::fromStdString(text), QString::fromStdString(expected));
    }

    void textNamesTheAnnualisation()
    {
        const std::string text = render_evaluation_text(sample_report(true));
        QVERIFY(text.find("metrics in price units") != std::string::npos);
        QVERIFY(text.find("Sharpe annualised with 12 periods per year: the monthly calendar") != std::string::npos);
        QVERIFY(text.find("n/a: backtest") == std::string::npos);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestEvaluationReport)

}  // namespace tst_evaluation_report
#include "tst_evaluation_report.moc"
