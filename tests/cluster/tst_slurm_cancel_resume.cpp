// scancel of a running task stops its trial with its state saved; the sweep reports it cancelled with
// Slurm's word and its log line; the same command with --resume submits only that trial, which
// continues from its checkpoint and ends with exactly the numbers of an uninterrupted local run.
#include "slurm_test.h"
#include "test_main.h"

#include <QtTest>

namespace tst_slurm_cancel_resume {

using namespace lstmlab::test;

class TestSlurmCancelResume : public QObject {
    Q_OBJECT
private slots:
    void cancelledTaskResumes()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        QVERIFY(write_text(cwd + "/grid.json", R"({"mode": "grid", "fixed": {"epochs": 60, "patience": 0, "hidden": [4], "seq-len": 8},
                       "grid": {"lr": [0.01, 0.005]}})"));
        const QStringList sweep{"sweep", "--data", co2_path(), "--target", "CO2", "--grid", "grid.json", "--jobs", "2",
                                "--quiet", "--backend", "slurm", "--out", "slurm.csv"};
        const CliRun submitted = run_cli(sweep + QStringList{"--detach"}, cwd);
        QVERIFY2(submitted.exit_code == 0, qPrintable(submitted.err));
        const QRegularExpressionMatch job = QRegularExpression("submitted job (\\d+)").match(submitted.err);
        QVERIFY2(job.hasMatch(), qPrintable(submitted.err));

        // Trial 1 is cancelled once it saved its first epoch (so it has a checkpoint to continue from).
        const QString trial1 = cwd + "/slurm.trials/trial-0001";
        QVERIFY2(wait_until([&] { return QFile::exists(trial1 + "/checkpoint.safetensors"); }, 60000),
                 qPrintable(run_program("squeue", {}).out));
        const CliRun cancel = run_program("scancel", {job.captured(1) + "_1"});
        QVERIFY2(cancel.exit_code == 0, qPrintable(cancel.err));
        const CliRun waited = run_cli({"sweep-status", "slurm.csv", "--wait", "--quiet"}, cwd, 120000);
        QCOMPARE(waited.exit_code, 1);
        QVERIFY2(waited.err.contains(QRegularExpression("trial 1 \\(lr 0.01\\): cancelled \\(Slurm CANCELLED, job " +
                                                        job.captured(1) + "_1\\) -- last log line: ")),
                 qPrintable(waited.err));
        QVERIFY2(waited.err.contains("1 of 2 trials did not finish"), qPrintable(waited.err));
        QVERIFY(!QFile::exists(trial1 + "/result.json"));
        QCOMPARE(read_csv(cwd + "/slurm.csv").size(), 2);   // header + trial 2

        const CliRun resumed = run_cli(sweep + QStringList{"--resume"}, cwd, 120000);
        QVERIFY2(resumed.exit_code == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QRegularExpression("submitted job \\d+: trials 1 of 2")), qPrintable(resumed.err));
        QVERIFY2(file_bytes(trial1 + "/run/metrics.csv").count('\n') == 61, file_bytes(trial1 + "/run/metrics.csv").constData());

        const CliRun local = run_cli({"sweep", "--data", co2_path(), "--target", "CO2", "--grid", "grid.json", "--jobs",
                                      "2", "--quiet", "--out", "local.csv"},
                                     cwd);
        QVERIFY2(local.exit_code == 0, qPrintable(local.err));
        QCOMPARE(result_columns(cwd + "/slurm.csv"), result_columns(cwd + "/local.csv"));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSlurmCancelResume)

} // namespace tst_slurm_cancel_resume
#include "tst_slurm_cancel_resume.moc"
