// --slurm-dry-run writes the trials folder and a script that Slurm's own `sbatch --test-only` accepts,
// with every --slurm-* flag in it, and submits nothing.
#include "slurm_test.h"
#include "test_main.h"

#include <QtTest>

namespace tst_slurm_dry_run {

using namespace lstmlab::test;

class TestSlurmDryRun : public QObject {
    Q_OBJECT
private slots:
    void scriptPassesSbatchTestOnly()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const CliRun dry = run_cli({"sweep", "--data", co2_path(), "--target", "CO2", "--epochs", "1", "--seeds", "1",
                                    "--backend", "slurm", "--slurm-dry-run", "--slurm-time", "5", "--slurm-mem", "100M",
                                    "--slurm-max-running", "2", "--slurm-partition", "debug", "--slurm-extra=--nice=10 --requeue",
                                    "--out", "r.csv"},
                                   cwd);
        QVERIFY2(dry.exit_code == 0, qPrintable(dry.err));
        const QString script = cwd + "/r.trials/submit.sbatch";
        QVERIFY2(dry.err.contains("submit it with: sbatch " + script), qPrintable(dry.err));
        const QByteArray text = file_bytes(script);
        for (const char* line : {"#SBATCH --array=1-4%2\n", "#SBATCH --time=5\n", "#SBATCH --mem=100M\n",
                                 "#SBATCH --partition=debug\n", "#SBATCH --nice=10\n", "#SBATCH --requeue\n"})
            QVERIFY2(text.contains(line), text.constData());
        QVERIFY(!QFile::exists(cwd + "/r.trials/jobs.json"));
        const CliRun test = run_program("sbatch", {"--test-only", script});
        QVERIFY2(test.exit_code == 0, qPrintable(test.err));
        QVERIFY2(test.err.contains(QRegularExpression("sbatch: Job \\d+ to start at")), qPrintable(test.err));
        const CliRun status = run_cli({"sweep-status", "r.csv"}, cwd);
        QCOMPARE(status.exit_code, 0);
        QCOMPARE(status.out.count("not_submitted"), 4);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSlurmDryRun)

} // namespace tst_slurm_dry_run
#include "tst_slurm_dry_run.moc"
