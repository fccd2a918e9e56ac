// A 6-trial sweep on Slurm (a job array of sweep-trial tasks) gives the same result columns as the
// same sweep on the local backend, and the same summary bytes; every trial folder holds its one-row
// result file and its task's log; sweep-status counts six finished trials.
#include "slurm_test.h"
#include "test_main.h"

#include <QtTest>

namespace tst_slurm_sweep_matches_local {

using namespace lstmlab::test;

class TestSlurmSweepMatchesLocal : public QObject {
    Q_OBJECT
private slots:
    void sameResultColumnsAsLocal()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        QVERIFY(write_text(cwd + "/grid.json", R"({"mode": "grid", "seeds": 2, "fixed": {"epochs": 2, "hidden": [4], "seq-len": 8},
                       "grid": {"lr": [0.01, 0.005, 0.002]}})"));
        const QStringList sweep{"sweep", "--data", co2_path(), "--target", "CO2", "--grid", "grid.json", "--jobs", "2"};
        const CliRun local = run_cli(sweep + QStringList{"--out", "local.csv", "--quiet"}, cwd);
        QVERIFY2(local.exit_code == 0, qPrintable(local.err));
        const CliRun slurm = run_cli(sweep + QStringList{"--out", "slurm.csv", "--backend", "slurm"}, cwd, 120000);
        QVERIFY2(slurm.exit_code == 0, qPrintable(slurm.err));
        QVERIFY2(slurm.err.contains(QRegularExpression("submitted job \\d+: trials 1-6 of 6")), qPrintable(slurm.err));
        QVERIFY2(slurm.err.contains("6 trials: 6 finished, 0 running, 0 pending, 0 failed"), qPrintable(slurm.err));

        const QString local_table = result_columns(cwd + "/local.csv");
        QCOMPARE(local_table.count('\n'), 7);
        QCOMPARE(result_columns(cwd + "/slurm.csv"), local_table);
        QCOMPARE(file_bytes(cwd + "/slurm.summary.csv"), file_bytes(cwd + "/local.summary.csv"));
        QCOMPARE(slurm.out, local.out);   // the summary table

        for (int n = 1; n <= 6; ++n) {
            const QString trial = cwd + QString("/slurm.trials/trial-%1").arg(n, 4, 10, QChar('0'));
            QCOMPARE(read_csv(trial + "/result.csv").size(), 2);
            QVERIFY(QFile::exists(trial + "/checkpoint.safetensors"));
            QVERIFY(QFile::exists(trial + "/spec.json"));
            QVERIFY2(file_bytes(trial + "/slurm.log").contains(QString("lstmlab-cli sweep-trial: starting trial %1 of 6").arg(n).toUtf8()),
                     file_bytes(trial + "/slurm.log").constData());
        }
        const CliRun status = run_cli({"sweep-status", "slurm.csv"}, cwd);
        QCOMPARE(status.exit_code, 0);
        QCOMPARE(status.out.count(QRegularExpression("\\n\\d+ +finished ")), 6);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSlurmSweepMatchesLocal)

} // namespace tst_slurm_sweep_matches_local
#include "tst_slurm_sweep_matches_local.moc"
