// Walk-forward evaluation (walk_forward.h): where the folds' blocks and cuts lie, the leakage canaries
// (rows from a fold's cut onwards cannot move its scaler or its weights; rows after its block cannot
// move its test metrics), warm-started refits vs one training, and that any number of jobs gives the
// same numbers bit for bit.
#include "engine/core/error.h"
#include "engine/train/trainer.h"
#include "engine/train/walk_forward.h"

#include "tests/engine/data/pipeline_test_frames.h"

#include "test_main.h"

#include <QtTest>

#include <cmath>
#include <cstring>

namespace tst_walk_forward {

using namespace lstmlab;

namespace {

// A noisy positive cycle of period 40 rows: something a tiny model learns in a few epochs.
std::vector<double> cycle(std::size_t rows)
{
    std::vector<double> values(rows);
    unsigned state = 99;
    for (std::size_t r = 0; r < rows; ++r) {
        state = state * 1103515245u + 12345u;
        const double noise = (double((state >> 8) % 2001) - 1000.0) / 10000.0;   // within +-0.1
        values[r] = 10.0 + std::sin(2.0 * 3.141592653589793 * double(r) / 40.0) + noise;
    }
    return values;
}

PipelineConfig pipeline_config()
{
    PipelineConfig config;
    config.features = {{"x", Transform::Level}};
    config.target = {"x", Transform::Level};
    config.sequence_length = 8;
    config.horizon = 2;
    config.split = {0.6, 0.2, 0.2};
    return config;
}

ModelSpec spec()
{
    ModelSpec s;
    s.hidden = {6};
    return s;
}

TrainConfig train_config()
{
    TrainConfig config;
    config.epochs = 4;
    config.batch_size = 16;
    config.adam.learning_rate = 1e-2;
    config.patience = 0;
    config.seed = 3;
    return config;
}

WalkForwardResult run(const std::vector<double>& values, Refit refit = Refit::Every, int jobs = 1,
                      std::size_t rolling = 0)
{
    WalkForwardConfig config;
    config.folds = 3;
    config.refit = refit;
    config.jobs = jobs;
    config.rolling_rows = rolling;
    return walk_forward(test::make_frame({{"x", values}}), pipeline_config(), spec(), train_config(), config);
}

bool same_bits(const AlignedVector<float>& a, const AlignedVector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_metrics(const ForecastMetrics& a, const ForecastMetrics& b)
{
    return same_bits(a.mse, b.mse) && same_bits(a.mae, b.mae) && same_bits(a.directional_accuracy, b.directional_accuracy);
}

bool same_scaler(const FittedPipeline& a, const FittedPipeline& b)
{
    return same_bits(a.feature_stats[0].offset, b.feature_stats[0].offset) &&
           same_bits(a.feature_stats[0].scale, b.feature_stats[0].scale) &&
           same_bits(a.target_stats.offset, b.target_stats.offset) && same_bits(a.target_stats.scale, b.target_stats.scale);
}

} // namespace

class TestWalkForward : public QObject {
    Q_OBJECT
private slots:
    // 300 rows, T = 8, H = 2: windows t = 7 .. 297 (N = 291), test = floor(0.2 N) = 58 windows in
    // blocks of 20, 19, 19 ending at t = 297.
    void foldsTileTheTestRegion()
    {
        const WalkForwardResult r = run(cycle(300));
        QCOMPARE(r.folds.size(), std::size_t(3));
        const std::size_t sizes[] = {20, 19, 19};
        std::size_t cut = 298 - 58 + 1;   // first block's first end row + 1
        for (std::size_t k = 0; k < 3; ++k) {
            const FoldResult& f = r.folds[k];
            QCOMPARE(f.first_row, std::size_t(0));
            QCOMPARE(f.cut_row, cut);
            QCOMPARE(f.test_windows, sizes[k]);
            QCOMPARE(f.last_row, cut - 1 + sizes[k] - 1 + 2);
            QCOMPARE(f.test_prices.end_rows.front(), cut - 1);   // relative to row 0
            QVERIFY(f.trained);
            // Every training and validation window ends before the cut with its targets.
            const std::size_t before = cut - 1 - 7;   // windows t = 7 .. cut - 2
            QCOMPARE(f.train_windows + f.validation_windows + 2, before);   // H - 1 = 1 dropped twice
            QCOMPARE(f.validation_windows + 1, before - std::size_t(std::floor(double(before) * 0.75)));
            QVERIFY(f.report.test && f.report.intervals);
            cut += sizes[k];
        }
        QCOMPARE(r.folds.back().last_row, std::size_t(299));
        QCOMPARE(r.overall.windows, std::size_t(58));
        QCOMPARE(r.overall.coverage.size(), std::size_t(2));
        QCOMPARE(r.units, std::string("price units"));
        QVERIFY(r.overall.backtest.has_value());
        // The pooled model RMSE lies between the folds' (it is the same errors, pooled).
        double lowest = INFINITY, highest = 0;
        for (const FoldResult& f : r.folds) {
            lowest = std::min(lowest, f.report.test->model.per_step[0].rmse);
            highest = std::max(highest, f.report.test->model.per_step[0].rmse);
        }
        QVERIFY(r.overall.model.per_step[0].rmse >= lowest && r.overall.model.per_step[0].rmse <= highest);
        QCOMPARE(r.overall.dm.n, std::size_t(58));
        QCOMPARE(r.overall.dm.horizon, std::size_t(2));

        // A rolling window of 150 rows: each fold starts 150 rows before its cut.
        const WalkForwardResult rolling = run(cycle(300), Refit::Every, 1, 150);
        for (const FoldResult& f : rolling.folds) {
            QCOMPARE(f.first_row, f.cut_row - 150);
            QCOMPARE(f.train_windows + f.validation_windows + 2, std::size_t(150 - 1 - 7));
        }
    }

    // Issue 18's canary: garbage from fold 2's cut onwards leaves its scaler and weights (and fold 1's
    // everything) the same bits; garbage after fold 2's block leaves its test metrics the same bits.
    void leakageCanary()
    {
        const std::vector<double> values = cycle(300);
        const WalkForwardResult clean = run(values);
        const FoldResult& fold = clean.folds[1];

        std::vector<double> garbage = values;
        for (std::size_t r = fold.cut_row; r < garbage.size(); ++r)
            garbage[r] = 500.0 + 37.0 * double(r % 7);
        const WalkForwardResult cut = run(garbage);
        QVERIFY(same_scaler(cut.folds[1].pipeline, fold.pipeline));
        QVERIFY(same_bits(cut.folds[1].weights, fold.weights));
        QVERIFY(same_bits(cut.folds[0].weights, clean.folds[0].weights));
        QVERIFY(!same_metrics(cut.folds[1].report.test->model.average, fold.report.test->model.average));
        QVERIFY(!same_bits(cut.folds[2].weights, clean.folds[2].weights));   // the later fold did see it

        garbage = values;
        for (std::size_t r = fold.last_row + 1; r < garbage.size(); ++r)
            garbage[r] = 500.0 + 37.0 * double(r % 7);
        const WalkForwardResult after = run(garbage);
        QVERIFY(same_metrics(after.folds[1].report.test->model.average, fold.report.test->model.average));
        QVERIFY(same_metrics(after.folds[1].report.test->persistence.average, fold.report.test->persistence.average));
        QVERIFY(same_bits(after.folds[1].dm.statistic, fold.dm.statistic));
        QVERIFY(same_bits(after.folds[1].report.test_coverage[1], fold.report.test_coverage[1]));
        QVERIFY(!same_metrics(after.folds[2].report.test->model.average, clean.folds[2].report.test->model.average));
    }

    // Refit::Every warm-starts each fold from the previous fold's weights: fold 2 trained from fold 1's
    // weights gives what walk_forward gives; Refit::Never trains fold 1 only and reuses its weights.
    void refitEveryAndNever()
    {
        const std::vector<double> values = cycle(300);
        const WalkForwardResult every = run(values, Refit::Every);
        const WalkForwardResult never = run(values, Refit::Never);
        QVERIFY(same_bits(never.folds[0].weights, every.folds[0].weights));
        for (const FoldResult& f : never.folds) {
            QVERIFY(same_bits(f.weights, never.folds[0].weights));
            QCOMPARE(f.trained, f.index == 0);
        }
        QVERIFY(!same_bits(every.folds[1].weights, every.folds[0].weights));
        // Refit::Fresh: every fold from the seeded initialisation, so fold 1 is the same as with Every
        // and the later folds differ from Every's warm-started ones.
        const WalkForwardResult fresh = run(values, Refit::Fresh);
        QVERIFY(same_bits(fresh.folds[0].weights, every.folds[0].weights));
        for (std::size_t k = 1; k < 3; ++k) {
            QVERIFY(fresh.folds[k].trained);
            QVERIFY(!same_bits(fresh.folds[k].weights, every.folds[k].weights));
            QVERIFY(same_scaler(fresh.folds[k].pipeline, every.folds[k].pipeline));
        }

        // Fold 2 by hand: its rows, its plan (the same prepare_data as the fold), fold 1's weights.
        const FoldResult& f = every.folds[1];
        const Frame rows = frame_rows(test::make_frame({{"x", values}}), 0, f.last_row + 1);
        WindowPlan plan;
        plan.sequence_length = 8;
        plan.horizon = 2;
        plan.splits[0] = {7, f.train_windows, 1};
        plan.splits[1] = {7 + f.train_windows + 1, f.validation_windows, 1};
        plan.splits[2] = {f.cut_row - 1, f.test_windows, 0};
        const PreparedData data = prepare_data(rows, pipeline_config(), {}, plan);
        QVERIFY(same_scaler(data.pipeline, f.pipeline));
        ModelSpec s = spec();
        s.features = 1;
        s.outputs = 2;
        Model<float> model(s);
        model.parameters().mutable_values() = every.folds[0].weights;
        Trainer trainer(model, data, train_config());
        trainer.run({});
        QVERIFY(same_bits(model.parameters().values(), f.weights));
    }

    void anyJobsSameBits_data()
    {
        QTest::addColumn<int>("refit");
        QTest::newRow("every") << int(Refit::Every);
        QTest::newRow("fresh: folds train in parallel") << int(Refit::Fresh);
    }

    void anyJobsSameBits()
    {
        QFETCH(int, refit);
        const std::vector<double> values = cycle(300);
        const WalkForwardResult one = run(values, Refit(refit), 1);
        const WalkForwardResult three = run(values, Refit(refit), 3);
        for (std::size_t k = 0; k < 3; ++k) {
            QVERIFY(same_bits(one.folds[k].weights, three.folds[k].weights));
            QVERIFY(same_metrics(one.folds[k].report.test->model.average, three.folds[k].report.test->model.average));
            QVERIFY(same_bits(one.folds[k].dm.p_value, three.folds[k].dm.p_value));
        }
        QVERIFY(same_metrics(one.overall.model.average, three.overall.model.average));
        QVERIFY(same_bits(one.overall.dm.statistic, three.overall.dm.statistic));
        QVERIFY(same_bits(one.overall.backtest->strategy.sharpe, three.overall.backtest->strategy.sharpe));
    }

    // A progress callback that answers false stops every training: no folds, `stopped` set.
    void stopFromProgress()
    {
        WalkForwardConfig config;
        config.folds = 3;
        config.refit = Refit::Fresh;
        config.jobs = 2;
        int calls = 0;
        bool described = true;
        const WalkForwardResult r = walk_forward(test::make_frame({{"x", cycle(300)}}), pipeline_config(), spec(),
                                                 train_config(), config, [&](const WalkForwardProgress& p) {
                                                     described = described && p.training && p.folds == 3;
                                                     return ++calls < 5;
                                                 });
        QVERIFY(described);
        QVERIFY(r.stopped);
        QVERIFY(r.folds.empty());
        QCOMPARE(calls, 5);   // one call at a time, none after the stop
    }

    void refusals()
    {
        const auto message = [](auto&& call) {
            try {
                call();
            } catch (const Error& error) {
                return std::string(error.what());
            }
            return std::string("no error");
        };
        WalkForwardConfig config;
        config.folds = 100;
        const Frame frame = test::make_frame({{"x", cycle(300)}});
        const std::string many = message([&] { walk_forward(frame, pipeline_config(), spec(), train_config(), config); });
        QVERIFY2(many.starts_with("--folds: 100 folds need at least as many test windows, but the test fraction 0.2 of 291 "
                                  "windows is 58"), many.c_str());
        config.folds = 3;
        config.rolling_rows = 9;   // one window before the first cut: none left to train on
        const std::string short_window = message([&] { walk_forward(frame, pipeline_config(), spec(), train_config(), config); });
        QVERIFY2(short_window.starts_with("--window: fold 1 has "), short_window.c_str());
        config.rolling_rows = 0;
        PipelineConfig no_test = pipeline_config();
        no_test.split = {0.8, 0.2, 0.0};
        const std::string no_blocks = message([&] { walk_forward(frame, no_test, spec(), train_config(), config); });
        QVERIFY2(no_blocks.starts_with("--split: walk-forward evaluation needs a test part"), no_blocks.c_str());
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestWalkForward)

}  // namespace tst_walk_forward
#include "tst_walk_forward.moc"
