// A task killed by its time limit is reported as timed out: sweep-status --wait names the trial, Slurm's
// TIMEOUT (from the line slurmstepd writes into the task's log: the test cluster keeps no accounting)
// and exits 1. Slurm's shortest limit is one minute (checked every 30 s); the trial is stopped with
// SIGSTOP meanwhile, so the wait costs no CPU.
#include "slurm_test.h"
#include "test_main.h"

#include <QtTest>

namespace tst_slurm_timeout {

using namespace lstmlab::test;

class TestSlurmTimeout : public QObject {
    Q_OBJECT
private slots:
    void timeLimitIsReported()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        QVERIFY(write_text(cwd + "/grid.json", R"({"mode": "list", "fixed": {"epochs": 100000, "patience": 0, "hidden": [4], "seq-len": 8},
                       "configurations": [{"lr": 0.01}]})"));
        const CliRun submitted = run_cli({"sweep", "--data", co2_path(), "--target", "CO2", "--grid", "grid.json",
                                          "--backend", "slurm", "--slurm-time", "0:05", "--out", "slow.csv", "--detach"},
                                         cwd);
        QVERIFY2(submitted.exit_code == 0, qPrintable(submitted.err));
        const QString trials = cwd + "/slow.trials";
        QVERIFY(file_bytes(trials + "/submit.sbatch").contains("#SBATCH --time=0:05\n"));
        // Once the trial runs, stop it: Slurm's clock goes on.
        QString pid;
        QVERIFY2(wait_until([&] {
                     pid = run_program("pgrep", {"-f", "sweep-trial " + trials + " 1"}).out.trimmed();
                     return !pid.isEmpty() && QFile::exists(trials + "/trial-0001/checkpoint.safetensors");
                 }, 60000),
                 qPrintable(run_program("squeue", {}).out));
        QCOMPARE(run_program("kill", {"-STOP", pid}).exit_code, 0);

        const CliRun waited = run_cli({"sweep-status", "slow.csv", "--wait", "--quiet"}, cwd, 150000);
        QCOMPARE(waited.exit_code, 1);
        QVERIFY2(waited.err.contains(QRegularExpression("trial 1 \\(lr 0.01\\): timeout \\(Slurm TIMEOUT, job \\d+_1\\)")),
                 qPrintable(waited.err));
        QVERIFY2(file_bytes(trials + "/trial-0001/slurm.log").contains("DUE TO TIME LIMIT"),
                 file_bytes(trials + "/trial-0001/slurm.log").constData());
        QVERIFY(!QFile::exists(trials + "/trial-0001/result.json"));
        const CliRun status = run_cli({"sweep-status", "slow.csv"}, cwd);
        QCOMPARE(status.exit_code, 1);
        QVERIFY2(status.out.contains(QRegularExpression("\\n1 +timeout ")), qPrintable(status.out));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSlurmTimeout)

} // namespace tst_slurm_timeout
#include "tst_slurm_timeout.moc"
