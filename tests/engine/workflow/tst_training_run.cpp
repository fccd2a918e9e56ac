// A training run on the monthly CO2 sample: the summary's and the report's Sharpe ratio are annualised
// with the calendar's 12 periods per year (mean / sd * sqrt(12) of the strategy's returns), not 252.
#include "engine/workflow/training_run.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>
#include <numeric>
#include <sstream>

namespace tst_training_run {

using namespace lstmlab;

class TestTrainingRun : public QObject {
    Q_OBJECT
private slots:
    void monthlySharpeUsesTwelvePeriods()
    {
        PipelineConfig pipeline;
        pipeline.features = {{"CO2", Transform::Level}};
        pipeline.target = {"CO2", Transform::Level};
        pipeline.sequence_length = 12;
        pipeline.horizon = 1;
        ModelSpec spec;
        spec.hidden = {4};
        TrainConfig config;
        config.epochs = 1;
        config.batch_size = 32;
        config.threads = 1;
        config.seed = 3;
        test::TempDir dir;
        TrainingRun run = start_training_run(test::source_path("resources/data/co2.csv"), pipeline, spec, config);
        QCOMPARE(run.frame.rows(), run.data.rows());
        const RunOutcome outcome = execute_training_run(run, dir.file("co2.safetensors"), std::nullopt, {}, "test");
        QCOMPARE(outcome.status, TrainStatus::finished);
        QVERIFY(outcome.report && outcome.report->backtest);
        QCOMPARE(outcome.report->backtest_config.periods_per_year, 12.0);

        const std::vector<double>& g = outcome.report->backtest->strategy.returns;
        QVERIFY(g.size() > 2);
        const double mean = std::accumulate(g.begin(), g.end(), 0.0) / double(g.size());
        double squares = 0;
        for (double x : g)
            squares += (x - mean) * (x - mean);
        const double sd = std::sqrt(squares / double(g.size() - 1));
        const double expected = mean / sd * std::sqrt(12.0);
        const double sharpe = outcome.report->backtest->strategy.sharpe;
        QVERIFY2(std::abs(sharpe - expected) <= 1e-9 * std::max(1.0, std::abs(expected)),
                 qPrintable(QString("Sharpe %1, mean/sd*sqrt(12) %2").arg(sharpe).arg(expected)));

        // The CLI's summary prints that number (5 significant digits).
        std::ostringstream printed;
        printed.precision(5);
        printed << "test Sharpe: " << sharpe << " (";
        QVERIFY2(outcome.summary.find(printed.str()) != std::string::npos, outcome.summary.c_str());
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestTrainingRun)

} // namespace tst_training_run
#include "tst_training_run.moc"
