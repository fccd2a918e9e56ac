// The Sweep tab's parts that need no window, with hand-computed expectations: the form's settings
// round trip through the run options, the sweep files the workbench writes (any column name), the ETA
// estimate and the results table's filter terms. The tab itself, driven in the real window: tst_sweep_view.
#include "engine/core/error.h"
#include "engine/workflow/run_options.h"
#include "ui/sweep/sweep_editor.h"
#include "ui/sweep/sweep_filter_proxy.h"
#include "ui/sweep/sweep_options.h"
#include "ui/sweep/sweep_progress.h"
#include "ui/sweep/sweep_results_model.h"
#include "engine_metatypes.h"
#include "test_main.h"

#include <QtTest>

namespace tst_sweep_parts {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestSweepParts : public QObject {
    Q_OBJECT
private slots:
    void optionsRoundTrip_data()
    {
        QTest::addColumn<PipelineConfig>("pipeline");
        QTest::addColumn<ModelSpec>("spec");
        QTest::addColumn<TrainConfig>("train");
        PipelineConfig p;
        p.target = {"Close", Transform::Level};
        p.features = {{"Close", Transform::Level}};
        ModelSpec m;
        TrainConfig t;
        QTest::newRow("defaults") << p << m << t;
        p.target = {"Close", Transform::LogReturn};
        p.features = {{"Close", Transform::LogReturn}, {"Volume", Transform::Log}, {"High", Transform::Level}};
        p.sequence_length = 30;
        p.horizon = 5;
        p.split = {0.6, 0.25, 0.15};
        p.scaler = ScalerKind::MinMax;
        p.missing = MissingPolicy::ForwardFill;
        m.cell = CellType::gru;
        m.hidden = {64, 32};
        m.dropout = 0.25;
        m.bidirectional = true;
        m.attention = true;
        t.epochs = 7;
        t.batch_size = 32;
        t.adam.learning_rate = 0.0003;
        t.adam.weight_decay = 1e-5;
        t.loss = LossKind::huber;
        t.clip = 0.5;
        t.patience = 3;
        t.plateau.patience = 2;
        t.seed = 123456789012345ULL;
        QTest::newRow("everything set") << p << m << t;
    }
    void optionsRoundTrip()
    {
        QFETCH(PipelineConfig, pipeline);
        QFETCH(ModelSpec, spec);
        QFETCH(TrainConfig, train);
        OptionValues values = dataOptions(pipeline);
        for (const OptionValues& more : {modelOptions(spec), trainingOptions(train)})
            values.insert(values.end(), more.begin(), more.end());
        const RunOptions run = make_run_options(values);
        QVERIFY(run.pipeline.features == pipeline.features);
        QVERIFY(run.pipeline.target == pipeline.target);
        QCOMPARE(run.pipeline.sequence_length, pipeline.sequence_length);
        QCOMPARE(run.pipeline.horizon, pipeline.horizon);
        QCOMPARE(run.pipeline.split.train, pipeline.split.train);
        QCOMPARE(run.pipeline.split.validation, pipeline.split.validation);
        QCOMPARE(run.pipeline.split.test, pipeline.split.test);
        QCOMPARE(run.pipeline.scaler, pipeline.scaler);
        QCOMPARE(run.pipeline.missing, pipeline.missing);
        spec.features = int(pipeline.features.size());
        spec.outputs = pipeline.horizon;
        QVERIFY(run.model == spec);
        QCOMPARE(run.train.epochs, train.epochs);
        QCOMPARE(run.train.batch_size, train.batch_size);
        QCOMPARE(run.train.adam.learning_rate, train.adam.learning_rate);   // exact: shortest round-trip text
        QCOMPARE(run.train.adam.weight_decay, train.adam.weight_decay);
        QCOMPARE(run.train.loss, train.loss);
        QCOMPARE(run.train.clip, train.clip);
        QCOMPARE(run.train.patience, train.patience);
        QCOMPARE(run.train.plateau.patience, train.plateau.patience);
        QCOMPARE(run.train.seed, train.seed);
    }

    // The sweep file the workbench writes is JSON written by engine/core/json: a column name with a
    // tab, a line break, a quote and a non-ASCII letter comes back unchanged, and so do the typed values.
    void sweepFileKeepsAnyColumnName()
    {
        const std::string column = "Close\t\"adj\"\né";
        const OptionValues fixed{{"target", column}, {"features", column + ",Volume"}, {"epochs", "3"},
                                 {"dropout", "0.25"}, {"bidirectional", "true"}, {"split", "0.6,0.2,0.2"}};
        for (const SweepMode mode : {SweepMode::grid, SweepMode::random, SweepMode::list}) {
            const QString text = sweepTemplate(mode, fixed, 2);
            SweepSpec spec;
            try {
                spec = parse_sweep(text.toStdString(), "workbench sweep");
            } catch (const Error& e) {
                QFAIL(e.what());
            }
            OptionValues expected = fixed;
            if (mode == SweepMode::list)   // the list example varies dropout
                expected.erase(expected.begin() + 3);
            QVERIFY(spec.fixed == expected);
            QCOMPARE(spec.seeds, 2);
        }
        ModelSpec model;
        model.hidden = {64, 32};
        const SweepSpec current = parse_sweep(sweepTextFromCurrent(model, TrainConfig{}).toStdString(), "current");
        QVERIFY((current.fixed[1] == std::pair<std::string, std::string>{"hidden", "64,32"}));
        QCOMPARE(int(current.grid.size()), 1);
        QCOMPARE(current.grid[0].second, (std::vector<std::string>{"0.0005", "0.001", "0.002"}));
    }

    // Expected values computed by hand from the formula in sweep_progress.h.
    void etaEstimate_data()
    {
        QTest::addColumn<std::vector<double>>("finished");
        QTest::addColumn<std::vector<double>>("fractions");
        QTest::addColumn<std::vector<double>>("elapsed");
        QTest::addColumn<int>("pending");
        QTest::addColumn<int>("jobs");
        QTest::addColumn<double>("expected");   // < 0: no estimate
        // mean 15 s x (2 pending + 0.5 left) / min(2 jobs, 3 active) = 18.75
        QTest::newRow("from finished") << std::vector<double>{10, 20} << std::vector<double>{0.5} << std::vector<double>{5} << 2 << 2 << 18.75;
        // (10 / 0.25 + 10 / 0.5) / 2 = 30 s per trial x (0.75 + 0.5) / min(4, 2) = 18.75
        QTest::newRow("from running") << std::vector<double>{} << std::vector<double>{0.25, 0.5} << std::vector<double>{10, 10} << 0 << 4 << 18.75;
        // 8 s x 3 pending / 1 job
        QTest::newRow("one job") << std::vector<double>{8} << std::vector<double>{} << std::vector<double>{} << 3 << 1 << 24.0;
        QTest::newRow("too early") << std::vector<double>{} << std::vector<double>{0.01} << std::vector<double>{1} << 3 << 2 << -1.0;
    }
    void etaEstimate()
    {
        QFETCH(std::vector<double>, finished);
        QFETCH(std::vector<double>, fractions);
        QFETCH(std::vector<double>, elapsed);
        QFETCH(int, pending);
        QFETCH(int, jobs);
        QFETCH(double, expected);
        std::vector<RunningTrial> running;
        for (std::size_t k = 0; k < fractions.size(); ++k)
            running.push_back({fractions[k], elapsed[k]});
        const std::optional<double> eta = sweepEtaSeconds(finished, running, pending, jobs);
        QCOMPARE(eta.has_value(), expected >= 0);
        if (eta)
            QCOMPARE(*eta, expected);
    }

    // Filter terms over four made-up results (values chosen so each term picks a known set).
    void filterTerms_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QList<int>>("trials");   // 1-based trial numbers shown
        QTest::newRow("nothing") << "" << QList<int>{1, 2, 3, 4};
        QTest::newRow("any column text") << "failed" << QList<int>{4};
        QTest::newRow("column text") << "status:finished" << QList<int>{1, 2, 3};
        QTest::newRow("varied option") << "hidden-size:64" << QList<int>{3, 4};
        QTest::newRow("less than") << "val<0.02" << QList<int>{1, 3};
        QTest::newRow("prefix, at least") << "sharpe>=0.5" << QList<int>{2, 3};
        QTest::newRow("equal") << "lr=0.001" << QList<int>{1, 3};
        QTest::newRow("two terms") << "lr=0.001 val>0.011" << QList<int>{3};
        QTest::newRow("missing value never compares") << "val>0" << QList<int>{1, 2, 3};
        QTest::newRow("unknown column is text") << "bogus<3" << QList<int>{};
    }
    void filterTerms()
    {
        QFETCH(QString, filter);
        QFETCH(QList<int>, trials);
        const SweepSpec spec = parse_sweep(R"({"mode": "grid", "grid": {"hidden-size": [32, 64], "lr": [0.001, 0.002]}})", "t");
        const SweepPlan plan = expand_sweep(spec, {{"target", "Close"}}, 1);
        SweepResultsModel model;
        model.setPlan(plan);
        const double validation[] = {0.01, 0.03, 0.012, not_measured};
        const double sharpe[] = {0.2, 0.9, 0.5, not_measured};
        for (int k = 0; k < 4; ++k) {
            TrialResult r;
            r.index = k;
            r.status = k == 3 ? "failed" : "finished";
            r.validation_loss = validation[k];
            r.test_sharpe = sharpe[k];
            model.trialFinished(r);
        }
        SweepFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterText(filter);
        QList<int> shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown << proxy.mapToSource(proxy.index(row, 0)).row() + 1;
        QCOMPARE(shown, trials);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSweepParts)

}  // namespace tst_sweep_parts
#include "tst_sweep_parts.moc"
