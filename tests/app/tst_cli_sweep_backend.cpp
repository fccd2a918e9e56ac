// lstmlab-cli sweep --backend slurm without a cluster: the usage errors (one sentence, exit 2, nothing
// created), a missing sbatch named with the option, the dry run's trials folder, a trial run by hand
// with sweep-trial, and sweep-status reading the folder back.
#include "cli_runner.h"
#include "test_main.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QtTest>

namespace tst_cli_sweep_backend {

using lstmlab::test::read_csv;
using lstmlab::test::run_cli;
using lstmlab::test::TempDir;

namespace {

QString co2()
{
    return QString::fromStdString(lstmlab::test::source_path("resources/data/co2.csv"));
}

QStringList sweep(const QStringList& more)
{
    return QStringList{"sweep", "--data", co2(), "--target", "CO2", "--epochs", "1", "--seq-len", "6",
                       "--out", "r.csv"} + more;
}

bool empty_folder(const QString& path)
{
    return QDir(path).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).isEmpty();
}

} // namespace

class TestCliSweepBackend : public QObject {
    Q_OBJECT
private slots:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("slurm option, local backend") << sweep({"--slurm-time", "5"}) << "--slurm-time needs --backend slurm";
        QTest::newRow("unknown backend") << sweep({"--backend", "cloud"}) << "--backend: \"cloud\" is not one of";
        QTest::newRow("bad time") << sweep({"--backend", "slurm", "--slurm-dry-run", "--slurm-time", "1h"})
                                  << "--slurm-time: \"1h\" is not a Slurm time (M, M:S, H:M:S, D-H, D-H:M or D-H:M:S)";
        QTest::newRow("bad memory") << sweep({"--backend", "slurm", "--slurm-dry-run", "--slurm-mem", "lots"})
                                    << "--slurm-mem: \"lots\" is not a Slurm memory size";
        QTest::newRow("bad extra") << sweep({"--backend", "slurm", "--slurm-dry-run", "--slurm-extra", "qos=low"})
                                   << "--slurm-extra: \"qos=low\" is not an sbatch option";
        QTest::newRow("misspelt") << sweep({"--backend", "slurm", "--slurm-partitio", "x"})
                                  << "unknown option --slurm-partitio (did you mean --slurm-partition?)";
        QTest::newRow("trial operands") << QStringList{"sweep-trial", "r.trials"}
                                        << "give TRIALS_DIR N first, as in lstmlab-cli sweep-trial TRIALS_DIR N";
        const QStringList backtest{"backtest", "--data", co2(), "--target", "CO2", "--folds", "2"};
        QTest::newRow("backtest without --out") << backtest + QStringList{"--backend", "slurm"}
                                                << "--backend slurm needs --out FOLDS.csv (the folds folder FOLDS.folds goes beside it)";
        QTest::newRow("backtest slurm option") << backtest + QStringList{"--slurm-mem", "1G"} << "--slurm-mem needs --backend slurm";
        QTest::newRow("backtest-fold no folder") << QStringList{"backtest-fold", "x.folds", "1"}
                                                 << "FOLDS_DIR: x.folds holds no backtest.json";
        QTest::newRow("no trials folder") << QStringList{"sweep-status", "r.csv"} << "RESULTS.csv: ";
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        TempDir dir;
        const auto run = run_cli(arguments, QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(empty_folder(QString::fromStdString(dir.path())));
    }

    void missingSbatchNamesTheOption()
    {
        TempDir dir;
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("PATH", QString::fromStdString(dir.path()));   // no sbatch there
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(QString::fromStdString(dir.path()));
        process.start(QStringLiteral(LSTMLAB_CLI_PATH), sweep({"--backend", "slurm"}));
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()),
                 QString("lstmlab-cli sweep: --backend slurm: sbatch is not on PATH; run the sweep on a machine with "
                         "Slurm's client commands (a login node), or add --slurm-dry-run to write the script only\n"));
        QVERIFY(empty_folder(QString::fromStdString(dir.path())));
    }

    // A dry run writes the folder and the script; a trial runs by hand; the status reads it back; the
    // same sweep again needs --resume, and --resume refuses another sweep.
    void dryRunFolderAndTrialByHand()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const auto dry = run_cli(sweep({"--backend", "slurm", "--slurm-dry-run", "--seeds", "1"}), cwd);
        QVERIFY2(dry.exit_code == 0, qPrintable(dry.err));
        QVERIFY(QFile::exists(cwd + "/r.trials/submit.sbatch"));
        QVERIFY(QFile::exists(cwd + "/r.trials/sweep.json"));
        QVERIFY(QFile::exists(cwd + "/r.trials/trial-0004/spec.json"));
        QVERIFY(!QFile::exists(cwd + "/r.trials/trial-0005"));

        const auto outside = run_cli({"sweep-trial", "r.trials", "9"}, cwd);
        QCOMPARE(outside.exit_code, 2);
        QCOMPARE(outside.err, QString("lstmlab-cli sweep-trial: N: trial 9 is outside 1..4\n"));
        const auto trial = run_cli({"sweep-trial", "r.trials", "2"}, cwd);
        QVERIFY2(trial.exit_code == 0, qPrintable(trial.err));
        QVERIFY2(trial.err.startsWith("lstmlab-cli sweep-trial: starting trial 2 of 4 ("), qPrintable(trial.err));
        const auto row = read_csv(cwd + "/r.trials/trial-0002/result.csv");
        QCOMPARE(row.size(), 2);
        QCOMPARE(row[1][0], QString("2"));

        const auto status = run_cli({"sweep-status", "r.csv"}, cwd);
        QCOMPARE(status.exit_code, 0);
        QVERIFY2(status.out.contains(QRegularExpression("\\n2 +finished +- ")), qPrintable(status.out));
        QCOMPARE(status.out.count("not_submitted"), 3);
        QVERIFY2(status.err.startsWith("4 trials: 1 finished, 0 running, 0 pending, 0 failed, 3 not submitted\n"),
                 qPrintable(status.err));
        const auto table = read_csv(cwd + "/r.csv");
        QCOMPARE(table.size(), 2);
        QCOMPARE(table[1][0], QString("2"));

        const auto again = run_cli(sweep({"--backend", "slurm", "--slurm-dry-run", "--seeds", "1"}), cwd);
        QCOMPARE(again.exit_code, 2);
        QVERIFY2(again.err.contains("holds a sweep already; add --resume to continue it, or give another --out"),
                 qPrintable(again.err));
        QStringList other = sweep({"--backend", "slurm", "--slurm-dry-run", "--seeds", "1", "--resume"});
        other[other.indexOf("--epochs") + 1] = "2";
        const auto changed = run_cli(other, cwd);
        QCOMPARE(changed.exit_code, 2);
        QVERIFY2(changed.err.contains("--resume: r.trials holds another sweep: trial 1 has other options"), qPrintable(changed.err));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliSweepBackend)

} // namespace tst_cli_sweep_backend
#include "tst_cli_sweep_backend.moc"
