// sweep-status --cancel cancels every job of a detached sweep: its trials end cancelled (none queued,
// none with a result), and --wait then reports each with Slurm's state and exits 1.
#include "slurm_test.h"
#include "test_main.h"

#include <QtTest>

namespace tst_slurm_cancel_sweep {

using namespace lstmlab::test;

class TestSlurmCancelSweep : public QObject {
    Q_OBJECT
private slots:
    void cancelStopsEveryTrial()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        QVERIFY(write_text(cwd + "/grid.json", R"({"mode": "grid", "fixed": {"epochs": 100000, "patience": 0, "hidden": [4],
            "seq-len": 8}, "grid": {"lr": [0.01, 0.005, 0.002]}})"));
        const CliRun submitted = run_cli({"sweep", "--data", co2_path(), "--target", "CO2", "--grid", "grid.json",
                                          "--backend", "slurm", "--slurm-max-running", "1", "--out", "r.csv", "--detach"},
                                         cwd);
        QVERIFY2(submitted.exit_code == 0, qPrintable(submitted.err));
        QVERIFY2(wait_until([&] { return QFile::exists(cwd + "/r.trials/trial-0001/checkpoint.safetensors"); }, 60000),
                 qPrintable(run_program("squeue", {}).out));
        const CliRun cancel = run_cli({"sweep-status", "r.csv", "--cancel", "--wait", "--quiet"}, cwd, 60000);
        QCOMPARE(cancel.exit_code, 1);
        QVERIFY2(cancel.err.startsWith("cancelled 1 job of r.csv\n"), qPrintable(cancel.err));
        QVERIFY2(cancel.err.contains(QRegularExpression("trial 1 \\(lr 0.01\\): cancelled \\(Slurm CANCELLED, job \\d+_1\\)")),
                 qPrintable(cancel.err));
        QVERIFY2(cancel.err.contains("3 of 3 trials did not finish"), qPrintable(cancel.err));
        QVERIFY(!QFile::exists(cwd + "/r.trials/trial-0001/result.json"));
        const CliRun status = run_cli({"sweep-status", "r.csv"}, cwd);
        QCOMPARE(status.exit_code, 1);
        QCOMPARE(status.out.count(" pending "), 0);
        QCOMPARE(status.out.count(" running "), 0);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSlurmCancelSweep)

} // namespace tst_slurm_cancel_sweep
#include "tst_slurm_cancel_sweep.moc"
