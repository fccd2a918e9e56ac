// The sweep runner: parallel trials give the same table as sequential ones, --resume reruns only the
// trials without a result, the summary's mean and std are those of the trials, a cancel stops cleanly.
#include "engine/workflow/sweep_runner.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tst_sweep_runner {

using namespace lstmlab;
using lstmlab::test::TempDir;

namespace {

std::string write_sine_csv(const TempDir& dir)
{
    const std::string path = dir.file("sine.csv");
    std::ofstream out(path);
    out << "Date,Close\n";
    for (int r = 0; r < 160; ++r) {
        char date[16];
        std::snprintf(date, sizeof date, "2020-%02d-%02d", 1 + r / 28, 1 + r % 28);
        out << date << "," << 100 + 10 * std::sin(0.3 * r) + 0.1 * r << "\n";
    }
    return path;
}

SweepPlan small_plan()
{
    const SweepSpec spec = parse_sweep(R"({"mode": "grid", "seeds": 2,
        "fixed": {"epochs": 2, "seq-len": 8, "batch-size": 16},
        "grid": {"hidden": [[4], [6]], "lr": [0.01, 0.005]}})", "small.json");
    return expand_sweep(spec, {{"target", "Close"}}, 0);
}

// The table without the columns that legitimately differ between runs (seconds, checkpoint path).
std::vector<std::string> comparable_rows(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::string> rows;
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream stream(line);
        std::string cell;
        while (std::getline(stream, cell, ','))
            cells.push_back(cell);
        cells.resize(cells.size() - 2);
        std::string joined;
        for (const std::string& c : cells)
            joined += c + ",";
        rows.push_back(joined);
    }
    return rows;
}

} // namespace

class TestSweepRunner : public QObject {
    Q_OBJECT
private slots:
    void parallelEqualsSequentialAndResumeSkips()
    {
        TempDir dir;
        const std::string data = write_sine_csv(dir);
        const SweepPlan plan = small_plan();
        QCOMPARE(int(plan.trials.size()), 8);

        SweepRunOptions one;
        one.data_path = data;
        one.results_csv = dir.file("one.csv");
        one.trials_dir = dir.file("one.trials");
        one.jobs = 1;
        const auto sequential = run_sweep(plan, one);
        SweepRunOptions two = one;
        two.results_csv = dir.file("two.csv");
        two.trials_dir = dir.file("two.trials");
        two.jobs = 2;
        const auto parallel = run_sweep(plan, two);
        QCOMPARE(int(sequential.size()), 8);
        for (const TrialResult& r : sequential)
            QVERIFY2(r.status == "finished", r.message.c_str());
        const auto rows = comparable_rows(one.results_csv);
        QCOMPARE(int(rows.size()), 9);
        QCOMPARE(rows, comparable_rows(two.results_csv));
        for (std::size_t k = 0; k < sequential.size(); ++k)
            QCOMPARE(sequential[k].validation_loss, parallel[k].validation_loss);   // exact
        QVERIFY(sequential[0].validation_loss != sequential[1].validation_loss);   // seeds differ

        // Resume: only the trial whose result is gone runs again, and the table comes out the same.
        std::filesystem::remove(dir.file("one.trials/trial-0003/result.json"));
        one.resume = true;
        int started = 0;
        SweepCallbacks callbacks;
        callbacks.started = [&](const Trial& trial) {
            ++started;
            QCOMPARE(trial.index, 2);
        };
        const auto resumed = run_sweep(plan, one, callbacks);
        QCOMPARE(started, 1);
        QCOMPARE(comparable_rows(one.results_csv), rows);
        QVERIFY(resumed[0].reused && !resumed[2].reused);
        QCOMPARE(resumed[2].validation_loss, sequential[2].validation_loss);
    }

    void summaryIsMeanAndStdAcrossSeeds()
    {
        std::vector<TrialResult> results(4);
        const double losses[4] = {1.0, 3.0, 0.5, 0.7};
        for (int k = 0; k < 4; ++k) {
            results[std::size_t(k)].index = k;
            results[std::size_t(k)].configuration = k / 2;
            results[std::size_t(k)].status = "finished";
            results[std::size_t(k)].validation_loss = losses[k];
            results[std::size_t(k)].label = k < 2 ? "a" : "b";
        }
        const auto summary = summarize_sweep(results);
        QCOMPARE(int(summary.size()), 2);
        QCOMPARE(summary[0].label, std::string("b"));   // best first
        QCOMPARE(summary[0].validation_mean, 0.6);
        QVERIFY(std::abs(summary[0].validation_std - std::sqrt(0.02)) < 1e-15);   // ddof 1: sqrt((0.01+0.01)/1)
        QCOMPARE(summary[1].validation_mean, 2.0);
        QVERIFY(std::abs(summary[1].validation_std - std::sqrt(2.0)) < 1e-15);
    }

    void cancelStopsWithoutHalfRows()
    {
        TempDir dir;
        const std::string data = write_sine_csv(dir);
        const SweepPlan plan = small_plan();
        std::atomic<bool> cancel{false};
        SweepRunOptions options;
        options.data_path = data;
        options.results_csv = dir.file("r.csv");
        options.trials_dir = dir.file("r.trials");
        options.cancel = &cancel;
        SweepCallbacks callbacks;
        callbacks.finished = [&](const TrialResult&) { cancel.store(true); };
        const auto results = run_sweep(plan, options, callbacks);
        QCOMPARE(int(results.size()), 1);
        QCOMPARE(int(comparable_rows(options.results_csv).size()), 2);   // header + the one finished trial
    }

    // An exception that is not an Error (a callback's, say) ends the sweep as that exception, on one
    // thread or several; it used to reach std::terminate past a joinable worker thread.
    void foreignExceptionEndsTheSweep_data()
    {
        QTest::addColumn<int>("jobs");
        QTest::newRow("one job") << 1;
        QTest::newRow("two jobs") << 2;
    }
    void foreignExceptionEndsTheSweep()
    {
        QFETCH(int, jobs);
        TempDir dir;
        const std::string data = write_sine_csv(dir);
        const SweepPlan plan = small_plan();
        SweepRunOptions options;
        options.data_path = data;
        options.results_csv = dir.file("r.csv");
        options.trials_dir = dir.file("r.trials");
        options.jobs = jobs;
        std::atomic<int> started{0};
        SweepCallbacks callbacks;
        callbacks.started = [&](const Trial& trial) {
            ++started;
            if (trial.index == 1)
                throw std::runtime_error("callback failed on trial 1");
        };
        QString message;
        try {
            run_sweep(plan, options, callbacks);
        } catch (const std::runtime_error& e) {
            message = e.what();
        }
        QCOMPARE(message, QString("callback failed on trial 1"));
        QVERIFY(started.load() >= 2);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestSweepRunner)

}  // namespace tst_sweep_runner
#include "tst_sweep_runner.moc"
