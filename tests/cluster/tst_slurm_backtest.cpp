// backtest --backend slurm trains the folds as tasks of a job array (one per fold with --refit fresh,
// one for the chain of --refit every) and prints and writes exactly what the local backend does.
#include "slurm_test.h"
#include "test_main.h"

#include <QtTest>

namespace tst_slurm_backtest {

using namespace lstmlab::test;

class TestSlurmBacktest : public QObject {
    Q_OBJECT
private slots:
    void sameTableAsLocal_data()
    {
        QTest::addColumn<QString>("refit");
        QTest::addColumn<int>("tasks");
        QTest::newRow("fresh") << "fresh" << 3;
        QTest::newRow("every") << "every" << 1;
    }
    void sameTableAsLocal()
    {
        QFETCH(QString, refit);
        QFETCH(int, tasks);
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QStringList backtest{"backtest", "--data", co2_path(), "--target", "CO2", "--folds", "3", "--epochs", "2",
                                   "--hidden", "4", "--seq-len", "8", "--refit", refit};
        const CliRun local = run_cli(backtest + QStringList{"--out", "local.csv", "--quiet"}, cwd);
        QVERIFY2(local.exit_code == 0, qPrintable(local.err));
        const CliRun slurm = run_cli(backtest + QStringList{"--out", "slurm.csv", "--backend", "slurm"}, cwd, 120000);
        QVERIFY2(slurm.exit_code == 0, qPrintable(slurm.err));
        QVERIFY2(slurm.err.contains(QRegularExpression(QString("submitted job \\d+: %1 tasks? for 3 folds").arg(tasks))),
                 qPrintable(slurm.err));
        QVERIFY(!file_bytes(cwd + "/local.csv").isEmpty());
        QCOMPARE(file_bytes(cwd + "/slurm.csv"), file_bytes(cwd + "/local.csv"));
        QCOMPARE(slurm.out, local.out);
        for (int n = 1; n <= 3; ++n)
            QVERIFY(QFile::exists(cwd + QString("/slurm.folds/fold-%1/training.json").arg(n, 4, 10, QChar('0'))));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSlurmBacktest)

} // namespace tst_slurm_backtest
#include "tst_slurm_backtest.moc"
