// The leakage-safe pipeline (R12): window plan, split boundaries, train-only scalers, the canary,
// transforms and their inversion, JSON round trip of the fitted pipeline.
#include "engine/core/error.h"
#include "engine/data/batch.h"
#include "engine/data/pipeline.h"
#include "engine/data/pipeline_json.h"

#include "pipeline_test_frames.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>
#include <cstring>

namespace tst_pipeline {

using namespace lstmlab;
using lstmlab::test::make_frame;
using lstmlab::test::walk;

namespace {

const std::vector<double> tiny = {10, 11, 10.5, 12, 12.5, 13, 12, 14, 15, 14.5, 16, 17};

PipelineConfig tiny_config(ScalerKind scaler)
{
    PipelineConfig config;
    config.features = {{"P", Transform::Level}};
    config.target = {"P", Transform::Level};
    config.sequence_length = 3;
    config.horizon = 2;
    config.split = {0.5, 0.25, 0.25};
    config.scaler = scaler;
    return config;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
private slots:
    void windowPlan_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("firstUsable");
        QTest::addColumn<int>("seqLen");
        QTest::addColumn<int>("horizon");
        QTest::addColumn<QList<int>>("expected");  // first_end, count, dropped for train, validation, test
        // Worked by hand from the formulas in windows.h: t_min = f + T - 1, t_max = n - 1 - H,
        // N = t_max - t_min + 1, shares floor(N * fraction), H - 1 dropped before each boundary.
        // 12 rows, T 3, H 2: t = 2..9, N = 8 -> 4 / 2 / 2 -> train t 2..4 (5 dropped), validation t 6 (7 dropped), test 8..9.
        QTest::newRow("T3 H2") << 12 << 0 << 3 << 2 << QList<int>{2, 3, 1, 6, 1, 1, 8, 2, 0};
        // H 1: nothing straddles. t = 2..10, N = 9 -> 4 / 2 / 3.
        QTest::newRow("T3 H1") << 12 << 0 << 3 << 1 << QList<int>{2, 4, 0, 6, 2, 0, 8, 3, 0};
        // After a diff: f = 1, t = 3..9, N = 7 -> 3 / 1 / 3; H 2 drops train t 5 and the only validation window.
        QTest::newRow("diff T3 H2 (validation emptied)") << 12 << 1 << 3 << 2 << QList<int>{3, 2, 1, 6, 0, 1, 7, 3, 0};
        // 100 rows, T 10, H 3: t = 9..96, N = 88 -> 44 / 22 / 22 -> 42 + 2 dropped, 20 + 2 dropped, 22.
        QTest::newRow("T10 H3") << 100 << 0 << 10 << 3 << QList<int>{9, 42, 2, 53, 20, 2, 75, 22, 0};
    }
    void windowPlan()
    {
        QFETCH(int, rows);
        QFETCH(int, firstUsable);
        QFETCH(int, seqLen);
        QFETCH(int, horizon);
        QFETCH(QList<int>, expected);
        const SplitFractions fractions{0.5, 0.25, 0.25};
        const bool validation_empty = expected[4] == 0;
        if (validation_empty) {
            QVERIFY_THROWS_EXCEPTION(Error, plan_windows(rows, firstUsable, seqLen, horizon, fractions, "x.csv"));
            return;
        }
        const WindowPlan half = plan_windows(rows, firstUsable, seqLen, horizon, fractions, "x.csv");
        QVERIFY(half.kept() + half.dropped() == half.candidates);
        QList<int> got;
        for (const auto& split : half.splits)
            got << int(split.first_end) << int(split.count) << int(split.dropped);
        QCOMPARE(got, expected);
    }

    void emptyValidationSplitIsAnError()
    {
        // The "diff" row above: 12 rows cannot give a validation window.
        QString message;
        try {
            plan_windows(12, 1, 3, 2, {0.5, 0.25, 0.25}, "x.csv");
        } catch (const Error& error) {
            message = error.what();
        }
        QCOMPARE(message, QString("x.csv: the validation split gets no window (7 windows of sequence length 3 and horizon 2 "
                                  "in 12 rows); use more data, a shorter window or a larger fraction."));
    }

    void noTargetCrossesASplit_data()
    {
        QTest::addColumn<int>("seqLen");
        QTest::addColumn<int>("horizon");
        QTest::addColumn<int>("transform");
        for (int horizon : {1, 2, 5, 20})
            for (int seq_len : {1, 10, 60})
                for (Transform transform : {Transform::Level, Transform::LogReturn})
                    QTest::addRow("T%d H%d %s", seq_len, horizon, transform_name(transform).data())
                        << seq_len << horizon << int(transform);
    }
    void noTargetCrossesASplit()
    {
        QFETCH(int, seqLen);
        QFETCH(int, horizon);
        QFETCH(int, transform);
        const Frame frame = make_frame({{"P", walk(500)}});
        PipelineConfig config;
        config.features = {{"P", Transform(transform)}};
        config.target = {"P", Transform(transform)};
        config.sequence_length = seqLen;
        config.horizon = horizon;
        const PreparedData data = prepare_data(frame, config, "");
        const WindowPlan& plan = data.windows;
        std::size_t previous_last_target = 0;
        for (Split split : {Split::Train, Split::Validation, Split::Test}) {
            const SplitWindows& windows = plan[split];
            // The split's target rows start where its candidates start; the next split's begin after.
            const std::size_t own_first_target = windows.first_end + 1;
            const std::size_t next_first_target = own_first_target + windows.count + windows.dropped;
            QVERIFY(own_first_target > previous_last_target || split == Split::Train);
            for (std::size_t w = 0; w < windows.count; ++w) {
                const std::size_t t = plan.end_row(split, w);
                QVERIFY(t + 1 - std::size_t(seqLen) >= data.first_usable_row);
                QVERIFY(t + 1 >= own_first_target);
                QVERIFY(t + std::size_t(horizon) < next_first_target || split == Split::Test);
                QVERIFY(t + std::size_t(horizon) < data.rows());
                previous_last_target = t + std::size_t(horizon);
            }
            QCOMPARE(windows.dropped, split == Split::Test ? std::size_t(0) : std::size_t(horizon - 1));
        }
    }

    void scalerStatisticsEqualTheTrainingSlice_data()
    {
        QTest::addColumn<int>("scaler");
        QTest::addColumn<double>("featureOffset");
        QTest::addColumn<double>("featureScale");
        QTest::addColumn<double>("targetOffset");
        QTest::addColumn<double>("targetScale");
        // numpy on p = [10, 11, 10.5, 12, 12.5, 13, 12, 14, 15, 14.5, 16, 17], T 3, H 2, split 0.5/0.25/0.25:
        // training features are rows 0..4, training targets rows 3..6 (windows t = 2..4).
        // p[0:5].mean(), p[0:5].std() (ddof 0), p[3:7].mean(), p[3:7].std(); min / max - min likewise.
        QTest::newRow("zscore") << int(ScalerKind::ZScore) << 11.2 << 0.9273618495495703 << 12.375 << 0.414578098794425;
        QTest::newRow("minmax") << int(ScalerKind::MinMax) << 10.0 << 2.5 << 12.0 << 1.0;
        QTest::newRow("none") << int(ScalerKind::None) << 0.0 << 1.0 << 0.0 << 1.0;
    }
    void scalerStatisticsEqualTheTrainingSlice()
    {
        QFETCH(int, scaler);
        QFETCH(double, featureOffset);
        QFETCH(double, featureScale);
        QFETCH(double, targetOffset);
        QFETCH(double, targetScale);
        const PreparedData data = prepare_data(make_frame({{"P", tiny}}), tiny_config(ScalerKind(scaler)), "");
        const FittedPipeline& fitted = data.pipeline;
        QVERIFY(std::abs(fitted.feature_stats[0].offset - featureOffset) < 1e-14);
        QVERIFY(std::abs(fitted.feature_stats[0].scale - featureScale) < 1e-14);
        QVERIFY(std::abs(fitted.target_stats.offset - targetOffset) < 1e-14);
        QVERIFY(std::abs(fitted.target_stats.scale - targetScale) < 1e-14);
        QCOMPARE(fitted.target_training_mean, 12.375);  // (12 + 12.5 + 13 + 12) / 4
        // Changing every row after the last training target (row 6) changes no statistic.
        std::vector<double> altered = tiny;
        for (std::size_t r = 7; r < altered.size(); ++r)
            altered[r] *= 100.0;
        const PreparedData other = prepare_data(make_frame({{"P", altered}}), tiny_config(ScalerKind(scaler)), "");
        QVERIFY(other.pipeline.feature_stats[0] == fitted.feature_stats[0]);
        QVERIFY(other.pipeline.target_stats == fitted.target_stats);
    }

    void scalerStatisticsExactlyMatchTheSliceOnRealData()
    {
        // Sample data, logreturn: recompute mean and population std of exactly the training slice
        // (same two-pass formula) and require bit-identical statistics.
        const Frame frame = make_frame({{"P", walk(2000)}, {"V", walk(2000, 5000.0)}});
        PipelineConfig config;
        config.features = {{"P", Transform::LogReturn}, {"V", Transform::Log}};
        config.target = {"P", Transform::LogReturn};
        config.sequence_length = 30;
        config.horizon = 5;
        const PreparedData data = prepare_data(frame, config, "");
        const WindowPlan& plan = data.windows;
        auto slice_stats = [](const std::vector<double>& x, std::size_t first, std::size_t last) {
            double sum = 0.0;
            for (std::size_t r = first; r <= last; ++r)
                sum += x[r];
            const double mean = sum / double(last - first + 1);
            double squares = 0.0;
            for (std::size_t r = first; r <= last; ++r)
                squares += (x[r] - mean) * (x[r] - mean);
            return ScalerStats{mean, std::sqrt(squares / double(last - first + 1))};
        };
        const auto p = apply_transform(frame, "P", Transform::LogReturn);
        const auto v = apply_transform(frame, "V", Transform::Log);
        QCOMPARE(plan.train_first_feature_row(), std::size_t(1));
        QVERIFY(data.pipeline.feature_stats[0] == slice_stats(p, plan.train_first_feature_row(), plan.train_last_end_row()));
        QVERIFY(data.pipeline.feature_stats[1] == slice_stats(v, plan.train_first_feature_row(), plan.train_last_end_row()));
        QVERIFY(data.pipeline.target_stats
                == slice_stats(p, plan[Split::Train].first_end + 1, plan.train_last_target_row()));
        QVERIFY(plan.train_last_target_row() < plan[Split::Validation].first_end + 1);
    }

    void constantTrainingSliceIsAnError()
    {
        std::vector<double> flat(40, 5.0);
        flat[39] = 6.0;  // varies only in the test rows
        PipelineConfig config = tiny_config(ScalerKind::ZScore);
        config.features = {{"P", Transform::Level}, {"Flat", Transform::Level}};
        QString message;
        try {
            prepare_data(make_frame({{"P", walk(40)}, {"Flat", flat}}), config, "");
        } catch (const Error& error) {
            message = error.what();
        }
        QCOMPARE(message, QString("synthetic.csv column \"Flat\" (level): the training rows are constant (or not finite), "
                                  "so the zscore scaler would divide by zero; drop the column or use --scaler none."));
    }

    void transforms_data()
    {
        QTest::addColumn<int>("transform");
        QTest::addColumn<double>("first");  // x[1]
        QTest::addColumn<double>("last");   // x[11]
        // numpy: np.diff(np.log(p)), p[1:] / p[:-1] - 1, np.diff(p), np.log(p) on the tiny series.
        QTest::newRow("level") << int(Transform::Level) << 11.0 << 17.0;
        QTest::newRow("diff") << int(Transform::Diff) << 1.0 << 1.0;
        QTest::newRow("return") << int(Transform::Return) << 0.10000000000000009 << 0.0625;
        QTest::newRow("logreturn") << int(Transform::LogReturn) << 0.09531017980432521 << 0.06062462181643502;
        QTest::newRow("log") << int(Transform::Log) << std::log(11.0) << std::log(17.0);
    }
    void transforms()
    {
        QFETCH(int, transform);
        QFETCH(double, first);
        QFETCH(double, last);
        const auto x = apply_transform(make_frame({{"P", tiny}}), "P", Transform(transform));
        QVERIFY(std::abs(x[1] - first) < 1e-15);
        QVERIFY(std::abs(x[11] - last) < 1e-15);
        QCOMPARE(std::isnan(x[0]), transform_needs_previous_row(Transform(transform)));
    }

    void transformErrorsNameTheLine()
    {
        std::vector<double> prices = {3, 2, 0, 4};
        QString message;
        try {
            apply_transform(make_frame({{"Close", prices}}), "Close", Transform::LogReturn);
        } catch (const Error& error) {
            message = error.what();
        }
        QCOMPARE(message, QString("synthetic.csv:4 (column \"Close\"): the logreturn transform needs positive values (a "
                                  "price), and this one is 0; for a series that reaches 0 or below use the level or "
                                  "diff transform."));
        // return is refused for any value <= 0 too (a negative "price" makes its sign meaningless), and
        // the check the workbench runs beside the Transform choice gives the same sentence.
        prices = {3, -2.5, 1, 4};
        try {
            apply_transform(make_frame({{"Close", prices}}), "Close", Transform::Return);
        } catch (const Error& error) {
            message = error.what();
        }
        const std::string expected = "synthetic.csv:3 (column \"Close\"): the return transform needs positive values (a "
                                     "price), and this one is -2.5; for a series that reaches 0 or below use the level "
                                     "or diff transform.";
        QCOMPARE(message, QString::fromStdString(expected));
        QCOMPARE(transform_domain_problem(make_frame({{"Close", prices}}), "Close", Transform::Return), expected);
        QCOMPARE(transform_domain_problem(make_frame({{"Close", prices}}), "Close", Transform::Diff), std::string());
        QCOMPARE(transform_domain_problem(make_frame({{"Close", prices}}), "Close", Transform::Level), std::string());
    }

    void priceConversionRoundTrips_data()
    {
        QTest::addColumn<int>("transform");
        for (Transform transform : {Transform::Level, Transform::Diff, Transform::Return, Transform::LogReturn, Transform::Log})
            QTest::newRow(transform_name(transform).data()) << int(transform);
    }
    void priceConversionRoundTrips()
    {
        // Transform real-looking prices, then convert the TRUE transformed targets of every window
        // back from the last known price P_t: the original prices come back up to rounding.
        QFETCH(int, transform);
        const std::vector<double> prices = walk(300);
        const auto x = apply_transform(make_frame({{"P", prices}}), "P", Transform(transform));
        constexpr std::size_t horizon = 7;
        double worst = 0.0;
        for (std::size_t t = 1; t + horizon < prices.size(); ++t) {
            double back[horizon];
            transformed_to_prices(Transform(transform), prices[t], &x[t + 1], horizon, back);
            for (std::size_t h = 0; h < horizon; ++h)
                worst = std::max(worst, std::abs(back[h] - prices[t + 1 + h]) / prices[t + 1 + h]);
        }
        QVERIFY2(worst < 1e-13, qPrintable(QString::number(worst)));
    }

    void canarySeesOnlyThePast()
    {
        // R12 canary: feature "Canary" at row r equals the target at row r, i.e. at row t+1 it holds
        // window t's next target. A pipeline that read any row after t would hand the answer to the
        // model. Every value is distinct, so equality between an input and a target proves a leak.
        // "Row" carries the row index itself, so each input's source row can be read back.
        const std::vector<double> prices = walk(400);
        std::vector<double> row_index(prices.size());
        for (std::size_t r = 0; r < row_index.size(); ++r)
            row_index[r] = double(r);
        PipelineConfig config;
        config.features = {{"Row", Transform::Level}, {"Canary", Transform::Level}};
        config.target = {"P", Transform::Level};
        config.sequence_length = 12;
        config.horizon = 3;
        config.scaler = ScalerKind::None;
        const PreparedData data = prepare_data(make_frame({{"P", prices}, {"Row", row_index}, {"Canary", prices}}), config, "");
        Eigen::MatrixXd x;
        Eigen::MatrixXd y;
        for (Split split : {Split::Train, Split::Validation, Split::Test}) {
            const std::size_t count = data.windows[split].count;
            std::vector<std::size_t> all(count);
            for (std::size_t w = 0; w < count; ++w)
                all[w] = w;
            fill_batch<double>(data, split, all, x, y);
            double legit_error = 0.0;
            for (std::size_t b = 0; b < count; ++b) {
                const std::size_t t = data.windows.end_row(split, b);
                for (std::size_t step = 0; step < 12; ++step) {
                    const double source_row = x(0, Eigen::Index(step * count + b));
                    QCOMPARE(source_row, double(t - 11 + step));  // never later than t
                    const double canary = x(1, Eigen::Index(step * count + b));
                    for (Eigen::Index h = 0; h < 3; ++h)
                        QVERIFY(canary != y(h, Eigen::Index(b)));
                }
                for (Eigen::Index h = 0; h < 3; ++h)
                    QCOMPARE(y(h, Eigen::Index(b)), prices[t + 1 + std::size_t(h)]);
                // The best the canary can do legitimately is persistence: its newest value is P_t.
                legit_error += std::abs(x(1, Eigen::Index(11 * count + b)) - y(0, Eigen::Index(b)));
            }
            QVERIFY(legit_error / double(count) > 0.1);  // a leak would make this 0
        }
    }

    void applyPipelineReusesTheStatistics()
    {
        const Frame frame = make_frame({{"P", walk(300)}});
        PipelineConfig config;
        config.features = {{"P", Transform::LogReturn}};
        config.target = {"P", Transform::LogReturn};
        const PreparedData fitted = prepare_data(frame, config, "abc");
        const PreparedData again = apply_pipeline(frame, fitted.pipeline);
        QVERIFY(again.features.middleCols(1, 299) == fitted.features.middleCols(1, 299));
        // New data with a different level: statistics stay those of the first fit.
        const Frame shifted = make_frame({{"P", walk(300, 7.0)}});
        const PreparedData applied = apply_pipeline(shifted, fitted.pipeline);
        QVERIFY(applied.pipeline.feature_stats == fitted.pipeline.feature_stats);
        QCOMPARE(applied.pipeline.source_sha256, std::string("abc"));
    }

    void jsonRoundTripIsExact()
    {
        const Frame frame = make_frame({{"P", walk(500)}, {"V", walk(500, 3.0)}});
        PipelineConfig config;
        config.features = {{"P", Transform::LogReturn}, {"V", Transform::Log}, {"P", Transform::Level}};
        config.target = {"P", Transform::Return};
        config.sequence_length = 17;
        config.horizon = 4;
        config.split = {0.6, 0.2, 0.2};
        config.scaler = ScalerKind::MinMax;
        config.missing = MissingPolicy::ForwardFill;
        const FittedPipeline fitted = prepare_data(frame, config, std::string(64, 'a')).pipeline;
        const std::string text = to_json(fitted, true);
        const FittedPipeline back = pipeline_from_json(text, "data.json");
        QCOMPARE(to_json(back, true), text);
        QCOMPARE(back.config.features, config.features);
        QCOMPARE(back.config.target, config.target);
        QCOMPARE(back.config.missing, MissingPolicy::ForwardFill);
        QCOMPARE(back.config.scaler, ScalerKind::MinMax);
        for (std::size_t c = 0; c < 3; ++c) {
            QVERIFY(same_bits(back.feature_stats[c].offset, fitted.feature_stats[c].offset));
            QVERIFY(same_bits(back.feature_stats[c].scale, fitted.feature_stats[c].scale));
        }
        QVERIFY(same_bits(back.target_stats.scale, fitted.target_stats.scale));
        QVERIFY(same_bits(back.target_training_mean, fitted.target_training_mean));
        QCOMPARE(back.windows.splits[2].count, fitted.windows.splits[2].count);
        QCOMPARE(back.source_rows, std::size_t(500));
    }

    void jsonRejectsBadInput_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << "\"horizon\":" << "\"horizn\":1,\"horizon\":"
                                     << "data: unknown key \"horizn\"";
        QTest::newRow("version") << "\"version\":1" << "\"version\":2"
                                 << "data.version: version 2 is not supported (this build reads 1); update LSTM Lab.";
        QTest::newRow("negative scale") << "\"scale\":1}" << "\"scale\":-1}"
                                        << "data.features[0].scale: the scale must be a positive finite number and the offset finite.";
        QTest::newRow("transform") << "\"transform\":\"level\"" << "\"transform\":\"sqrt\""
                                   << "data.features[0].transform: \"sqrt\" is not a transform; use level, diff, return, logreturn or log.";
        QTest::newRow("horizon 0") << "\"horizon\":1" << "\"horizon\":0"
                                   << "data: horizon: the horizon must be at least 1, got 0.";
    }
    void jsonRejectsBadInput()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, expected);
        PipelineConfig config = tiny_config(ScalerKind::None);
        config.horizon = 1;
        const FittedPipeline fitted = prepare_data(make_frame({{"P", tiny}}), config, "").pipeline;
        QString text = QString::fromStdString(to_json(fitted));
        QVERIFY2(text.contains(from), qPrintable(text));
        text.replace(text.indexOf(from), from.size(), to);
        QString message;
        try {
            pipeline_from_json(text.toStdString(), "data");
        } catch (const Error& error) {
            message = error.what();
        }
        QVERIFY2(message.startsWith(expected), qPrintable(message));
    }

    void loadAndPrepareTheSample()
    {
        PipelineConfig config;
        config.features = {{"Close", Transform::LogReturn}, {"Volume", Transform::Log}};
        config.target = {"Close", Transform::LogReturn};
        config.horizon = 5;
        LoadReport report;
        const PreparedData data =
            load_and_prepare(lstmlab::test::source_path("resources/data/ohlcv_sample.csv"), config, &report);
        QCOMPARE(report.rows_kept, std::size_t(5550));
        QCOMPARE(data.pipeline.source_rows, std::size_t(5550));
        QCOMPARE(data.pipeline.source_sha256, std::string("73f796baf1a8e89cfede7a88dffb6f13b6cbc0052336467fb5b6ff1cc6928f30"));
        QCOMPARE(data.pipeline.time_column, std::string("Date"));
        // t = 20..5544: N = 5525 -> 3867 / 828 / 830, minus 4 + 4 straddlers.
        QCOMPARE(QString::fromStdString(pipeline_summary(data)),
                 QString("5550 rows; features Close (logreturn), Volume (log); target Close (logreturn), horizon 5; "
                         "sequence length 20; zscore scaling fitted on training rows only; 3863 training, 824 validation, "
                         "830 test windows; 8 dropped at split boundaries (horizon 5)."));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestPipeline)

}  // namespace tst_pipeline
#include "tst_pipeline.moc"
