// Forecast metrics, baselines and price conversion against numpy (evaluation_expected.py, run once
// with /usr/bin/python3 + numpy 1.24; the printed values are pasted below).
#include "engine/core/error.h"
#include "engine/data/batch.h"
#include "engine/train/baselines.h"
#include "engine/train/metrics.h"
#include "engine/train/price_conversion.h"

#include "tests/engine/data/pipeline_test_frames.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>

namespace tst_metrics {

using namespace lstmlab;

namespace {

const std::vector<double> last_price = {100, 102, 101, 103, 104, 102};

Eigen::MatrixXd matrix(std::initializer_list<std::initializer_list<double>> rows)
{
    Eigen::MatrixXd m(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (double value : row)
            m(r, c++) = value;
        ++r;
    }
    return m;
}

const Eigen::MatrixXd actual = matrix({{102, 101, 103, 104, 102, 105}, {101, 103, 104, 102, 105, 106}});
const Eigen::MatrixXd predicted = matrix({{101, 101.5, 102, 102.5, 103, 104}, {102, 102, 103, 103, 104, 107}});

void compare(const ForecastMetrics& got, const std::vector<double>& expected)
{
    const double values[] = {got.mse, got.rmse, got.mae, got.mape, got.smape, got.r2, got.directional_accuracy};
    for (std::size_t k = 0; k < expected.size(); ++k)
        QVERIFY2(std::abs(values[k] - expected[k]) < 1e-12,
                 qPrintable(QString("metric %1: %2 vs %3").arg(k).arg(values[k], 0, 'g', 17).arg(expected[k], 0, 'g', 17)));
}

FittedPipeline pipeline_with(Transform transform, double mean, int horizon)
{
    FittedPipeline pipeline;
    pipeline.config.target = {"P", transform};
    pipeline.config.horizon = horizon;
    pipeline.target_training_mean = mean;
    return pipeline;
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void perStepAndAverage()
    {
        const MetricsTable table = compute_metrics(last_price, actual, predicted);
        QCOMPARE(table.windows, std::size_t(6));
        QCOMPARE(table.per_step.size(), std::size_t(2));
        // mse, rmse, mae, mape, smape, r2, directional accuracy
        compare(table.per_step[0], {1.0833333333333333, 1.0408329997330663, 1.0, 0.9702327082953994, 0.9733317750401366,
                                    0.4, 0.8333333333333334});
        compare(table.per_step[1], {1.0, 1.0, 1.0, 0.966446765584335, 0.9664216161907488, 0.6571428571428571, 0.5});
        compare(table.average, {1.0416666666666665, 1.020416499866533, 1.0, 0.9683397369398672, 0.9698766956154428,
                                0.5285714285714286, 0.6666666666666667});
    }

    void persistenceBaseline()
    {
        const Eigen::MatrixXd forecast = persistence_forecast(last_price, 2);
        QCOMPARE(forecast(1, 3), 103.0);
        const MetricsTable table = compute_metrics(last_price, actual, forecast);
        compare(table.per_step[1], {4.833333333333333, 2.1984843263788196, 1.8333333333333333, 1.7586576993047025,
                                    1.7793608835511006, -0.6571428571428573, 0.0});
    }

    void edgeCases()
    {
        // A zero actual makes MAPE n/a (counted); constant actual prices make R^2 undefined.
        const std::vector<double> base = {1, 1};
        const MetricsTable table = compute_metrics(base, matrix({{0, 0}}), matrix({{1, 0}}));
        QCOMPARE(table.per_step[0].mse, 0.5);
        QVERIFY(std::isnan(table.per_step[0].mape));
        QCOMPARE(table.per_step[0].zero_actuals, std::size_t(2));
        QVERIFY(std::isnan(table.per_step[0].mase));   // no naive scale given
        QVERIFY(std::isnan(table.per_step[0].r2));
        QCOMPARE(table.per_step[0].smape, 100.0);  // (2 + 0) / 2 * 100
        QCOMPARE(table.per_step[0].directional_accuracy, 0.5);
        QVERIFY_THROWS_EXCEPTION(Error, compute_metrics(base, matrix({{0, 0}}), matrix({{1, 0, 2}})));
    }

    void zeroActualsPerMetric()
    {
        // One zero actual among six: MAPE is n/a for its step and the average (not the mean of the
        // other five, which would flatter a model); every other metric stays finite; MASE divides MAE
        // by the naive scale given.
        Eigen::MatrixXd with_zero = actual;
        with_zero(1, 2) = 0.0;
        const MetricsTable table = compute_metrics(last_price, with_zero, predicted, {2.0, 2.0});
        QVERIFY(std::isfinite(table.per_step[0].mape));
        QVERIFY(std::isnan(table.per_step[1].mape));
        QVERIFY(std::isnan(table.average.mape));
        QCOMPARE(table.per_step[1].zero_actuals, std::size_t(1));
        QCOMPARE(table.average.zero_actuals, std::size_t(1));
        for (const ForecastMetrics* m : {&table.per_step[1], &table.average}) {
            QVERIFY(std::isfinite(m->mse) && std::isfinite(m->rmse) && std::isfinite(m->mae));
            QVERIFY(std::isfinite(m->smape) && std::isfinite(m->r2) && std::isfinite(m->directional_accuracy));
        }
        // step 1 errors: |-1| |0.5| |-1| |-1.5| |1| |-1| -> MAE 1, MASE 1 / 2
        QCOMPARE(table.per_step[0].mase, 0.5);
        // step 2 with a = 0 at window 2: |1| |-1| |103| |1| |-1| |1| -> MAE 108 / 6 = 18, MASE 9
        QCOMPARE(table.per_step[1].mase, 9.0);
        QCOMPARE(table.average.mase, (0.5 + 9.0) / 2);
        // sMAPE counts the zero actual: 2 |p - a| / (|a| + |p|) = 2 for that window.
        QVERIFY(table.per_step[1].smape > 100.0 * 2.0 / 6.0);
        // A naive scale of 0 (a constant training target) or NaN leaves MASE n/a.
        QVERIFY(std::isnan(compute_metrics(last_price, actual, predicted, {0.0, 2.0}).average.mase));
        QCOMPARE(compute_metrics(last_price, actual, predicted, {1.0, 4.0}).per_step[1].mase, 0.25);   // MAE 1 / s_2
    }

    void seasonalNaive()
    {
        // y = 0..29; season 4; windows ending at rows 10 and 11 with horizon 6:
        // step h takes row t + h - 4 ceil(h / 4): h = 1..4 -> t-3..t, h = 5, 6 -> t-3, t-2.
        std::vector<double> y(30);
        for (std::size_t r = 0; r < y.size(); ++r)
            y[r] = double(r * r);
        const Eigen::MatrixXd f = seasonal_naive_forecast(y, {10, 11}, 6, 4);
        const std::size_t rows[6] = {7, 8, 9, 10, 7, 8};
        for (int h = 0; h < 6; ++h) {
            QCOMPARE(f(h, 0), y[rows[h]]);
            QCOMPARE(f(h, 1), y[rows[h] + 1]);
        }
        // Not enough history: row 2 has no value one season (4 rows) before its first step.
        QVERIFY_THROWS_EXCEPTION(Error, seasonal_naive_forecast(y, {1}, 1, 4));
    }

    void evaluationSaysWhyFiguresAreNotApplicable()
    {
        // A level series that touches zero in the test split and has a season of 3 rows.
        std::vector<double> values(90);
        for (std::size_t r = 0; r < values.size(); ++r)
            values[r] = double((r % 3) * 2) + (r % 7 == 0 ? 0.5 : 0.0);   // 0, 2, 4, ... with 0 every 3rd row
        PipelineConfig config;
        config.features = {{"P", Transform::Level}};
        config.target = {"P", Transform::Level};
        config.sequence_length = 6;
        const PreparedData data = prepare_data(test::make_frame({{"P", values}}), config, "");
        const SplitPrices prices = split_prices(data, Split::Test);
        const SplitEvaluation with = evaluate_split(data, Split::Test, prices, prices.actual, 3);
        QVERIFY(with.not_applicable.count("mape"));
        QVERIFY(QString::fromStdString(with.not_applicable.at("mape")).contains(" actual values are 0"));
        QCOMPARE(with.season, std::size_t(3));
        QVERIFY(with.has_seasonal_naive());
        QVERIFY(std::isfinite(with.model.average.mase));
        QCOMPARE(with.model.average.mase, 0.0);    // a perfect model
        QVERIFY(with.seasonal_naive.average.rmse < with.persistence.average.rmse);
        const SplitEvaluation without = evaluate_split(data, Split::Test, prices, prices.actual, 0, "no calendar");
        QVERIFY(!without.has_seasonal_naive());
        QCOMPARE(without.not_applicable.at("seasonal_naive"), std::string("no calendar"));

        // A target constant over the training rows: MASE is n/a with its reason.
        std::vector<double> flat(90, 5.0);
        for (std::size_t r = 80; r < 90; ++r)
            flat[r] = double(r);
        config.scaler = ScalerKind::None;   // z-scoring a constant training target is refused
        const PreparedData flat_data = prepare_data(test::make_frame({{"P", flat}}), config, "");
        const SplitPrices flat_prices = split_prices(flat_data, Split::Test);
        const SplitEvaluation flat_eval = evaluate_split(flat_data, Split::Test, flat_prices, flat_prices.actual, 0);
        QCOMPARE(flat_eval.naive_scales, std::vector<double>{0.0});
        QVERIFY(std::isnan(flat_eval.model.average.mase));
        QVERIFY(QString::fromStdString(flat_eval.not_applicable.at("mase")).contains("never changes"));
    }

    void trainingMeanBaseline_data()
    {
        QTest::addColumn<int>("transform");
        QTest::addColumn<double>("mean");
        QTest::addColumn<QList<double>>("expected");  // from P_t = 100, by hand
        QTest::newRow("level") << int(Transform::Level) << 50.0 << QList<double>{50, 50, 50};
        QTest::newRow("diff") << int(Transform::Diff) << 0.5 << QList<double>{100.5, 101, 101.5};
        QTest::newRow("return") << int(Transform::Return) << 0.01 << QList<double>{101, 102.01, 103.0301};
        QTest::newRow("logreturn") << int(Transform::LogReturn) << 0.01
                                   << QList<double>{100 * std::exp(0.01), 100 * std::exp(0.02), 100 * std::exp(0.03)};
        QTest::newRow("log") << int(Transform::Log) << std::log(50.0) << QList<double>{50, 50, 50};
    }
    void trainingMeanBaseline()
    {
        QFETCH(int, transform);
        QFETCH(double, mean);
        QFETCH(QList<double>, expected);
        const Eigen::MatrixXd forecast = training_mean_forecast(pipeline_with(Transform(transform), mean, 3), {100.0, 7.0});
        QCOMPARE(forecast.rows(), Eigen::Index(3));
        QCOMPARE(forecast.cols(), Eigen::Index(2));
        for (Eigen::Index h = 0; h < 3; ++h)
            QVERIFY(std::abs(forecast(h, 0) - expected[int(h)]) < 1e-12);
    }

    void predictionsUnscaleThenChainFromTheLastKnownPrice()
    {
        FittedPipeline pipeline = pipeline_with(Transform::LogReturn, 0.0, 2);
        pipeline.target_stats = {0.001, 0.02};
        const Eigen::MatrixXd prices = predictions_to_prices(pipeline, {50.0}, matrix({{1.0}, {-0.5}}));
        // x = z * 0.02 + 0.001: 0.021 then -0.009; P = 50 exp(0.021), 50 exp(0.021 - 0.009).
        QVERIFY(std::abs(prices(0, 0) - 50 * std::exp(0.021)) < 1e-12);
        QVERIFY(std::abs(prices(1, 0) - 50 * std::exp(0.012)) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(Error, predictions_to_prices(pipeline, {50.0, 51.0}, matrix({{1.0}, {-0.5}})));
    }

    void perfectModelOnRealisticData_data()
    {
        QTest::addColumn<int>("transform");
        for (Transform transform : {Transform::Level, Transform::Diff, Transform::Return, Transform::LogReturn, Transform::Log})
            QTest::newRow(transform_name(transform).data()) << int(transform);
    }
    void perfectModelOnRealisticData()
    {
        // Feeding the true scaled targets through predictions_to_prices must give the actual prices:
        // unscaling and chaining from P_t are the exact inverse of the pipeline.
        QFETCH(int, transform);
        PipelineConfig config;
        config.features = {{"P", Transform(transform)}};
        config.target = {"P", Transform(transform)};
        config.horizon = 4;
        const PreparedData data = prepare_data(test::make_frame({{"P", test::walk(600)}}), config, "");
        const SplitPrices prices = split_prices(data, Split::Test);
        std::vector<std::size_t> all(prices.last_price.size());
        for (std::size_t w = 0; w < all.size(); ++w)
            all[w] = w;
        Eigen::MatrixXd x, y;
        fill_batch<double>(data, Split::Test, all, x, y);
        const Eigen::MatrixXd converted = predictions_to_prices(data.pipeline, prices.last_price, y);
        QVERIFY(((converted - prices.actual).array().abs() / prices.actual.array()).maxCoeff() < 1e-12);
        const SplitEvaluation evaluation = evaluate_split(data, Split::Test, prices, converted, 0);
        QVERIFY(evaluation.model.average.mse < 1e-18);
        QVERIFY(std::abs(evaluation.model.average.r2 - 1.0) < 1e-12);
        QCOMPARE(evaluation.model.average.directional_accuracy, 1.0);
        QVERIFY(evaluation.persistence.average.mse > 0.1);
        QVERIFY(evaluation.training_mean.average.mse > 0.1);
        QCOMPARE(prices.end_rows.front(), data.windows[Split::Test].first_end);
        QCOMPARE(prices.last_price.front(), data.target_level[prices.end_rows.front()]);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestMetrics)

}  // namespace tst_metrics
#include "tst_metrics.moc"
