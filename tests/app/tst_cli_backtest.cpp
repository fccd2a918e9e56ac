// lstmlab-cli backtest: the fold table on stdout, in --out and as JSON, the same bytes whatever
// --jobs, and one-sentence usage errors (exit 2, nothing written) for settings that cannot make folds.
#include "cli_runner.h"
#include "test_main.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

namespace tst_cli_backtest {

using lstmlab::test::read_csv;
using lstmlab::test::run_cli;
using lstmlab::test::TempDir;

namespace {

// A monthly series: 240 months from 2000-01 of a noisy 40-month cycle.
QString write_series(const QString& dir)
{
    QString text = "Month,x\n";
    unsigned state = 7;
    for (int r = 0; r < 240; ++r) {
        state = state * 1103515245u + 12345u;
        const double noise = (double((state >> 8) % 2001) - 1000.0) / 10000.0;
        text += QString("%1-%2-01,%3\n")
                    .arg(2000 + r / 12)
                    .arg(r % 12 + 1, 2, 10, QChar('0'))
                    .arg(10.0 + std::sin(2.0 * 3.141592653589793 * r / 40.0) + noise, 0, 'g', 10);
    }
    QFile file(dir + "/series.csv");
    file.open(QIODevice::WriteOnly);
    file.write(text.toUtf8());
    return "series.csv";
}

QStringList base_args(const QString& data)
{
    return {"backtest", "--data", data, "--target", "x", "--seq-len", "8", "--hidden", "4", "--epochs", "3",
            "--split", "0.6,0.2,0.2", "--folds", "3", "--quiet"};
}

} // namespace

class TestCliBacktest : public QObject {
    Q_OBJECT
private slots:
    void foldTableAndJobs()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QString data = write_series(cwd);
        auto run = run_cli(base_args(data) + QStringList{"--jobs", "1", "--out", "one.csv"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY2(run.out.startsWith("Walk-forward evaluation of x (price units), horizon 1, 3 folds\n"), qPrintable(run.out));
        QVERIFY(run.out.contains("calendar: monthly: "));
        QVERIFY(run.out.contains("\nall "));
        QVERIFY(run.out.contains("model vs persistence: DM* "));
        const auto rows = read_csv(cwd + "/one.csv");
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].join(','), QString("fold,first,cut,last,train_windows,validation_windows,test_windows,epochs,"
                                            "status,rmse,persistence_rmse,training_mean_rmse,seasonal_naive_rmse,mae,"
                                            "persistence_mae,directional_accuracy,sharpe,buy_hold_sharpe,coverage_80,"
                                            "coverage_95,dm,p_value"));
        // 240 rows, T = 8: windows t = 7 .. 238 (232); test = floor(0.2 * 232) = 46 in blocks of 16, 15, 15.
        QCOMPARE(rows[1][0], QString("1"));
        QCOMPARE(rows[1][1], QString("2000-01-01"));
        QCOMPARE(rows[1][2], QString("2016-03-01"));   // the cut: row 194 = (238 - 46 + 1) + 1
        QCOMPARE(rows[1][6], QString("16"));
        QCOMPARE(rows[2][6], QString("15"));
        QCOMPARE(rows[4][0], QString("all"));
        QCOMPARE(rows[4][3], QString("2019-12-01"));
        QCOMPARE(rows[4][6], QString("46"));
        for (int k = 1; k <= 4; ++k) {
            const double p = rows[k][21].toDouble(), coverage = rows[k][19].toDouble();
            QVERIFY(p >= 0 && p <= 1);
            QVERIFY(coverage >= 0 && coverage <= 1);
            QVERIFY(rows[k][9].toDouble() > 0);
        }

        run = run_cli(base_args(data) + QStringList{"--jobs", "3", "--out", "three.csv", "--json"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QFile one(cwd + "/one.csv"), three(cwd + "/three.csv");
        QVERIFY(one.open(QIODevice::ReadOnly) && three.open(QIODevice::ReadOnly));
        QCOMPARE(three.readAll(), one.readAll());   // any --jobs: the same bytes
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json["refit"].toString(), QString("every"));
        QCOMPARE(json["folds"].toArray().size(), 3);
        const QJsonObject overall = json["overall"].toObject();
        QCOMPARE(overall["test_windows"].toInt(), 46);
        const QJsonObject dm = overall["diebold_mariano"].toObject();
        QCOMPARE(dm["windows"].toInt(), 46);
        QCOMPARE(dm["p_value"].toDouble(), rows[4][21].toDouble());
        QCOMPARE(json["folds"].toArray()[0].toObject()["intervals"].toArray().size(), 2);

        // --refit never: one training; every fold reports fold 1's epochs.
        run = run_cli(base_args(data) + QStringList{"--refit", "never", "--window", "rolling:100", "--out", "never.csv"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const auto never = read_csv(cwd + "/never.csv");
        QCOMPARE(never[1][1], QString("2007-11-01"));   // row 94: 100 rows before the cut at row 194
        QCOMPARE(never[2][7], never[1][7]);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("no folds") << QStringList{"--folds"} << "--folds is required: the number of test blocks";
        QTest::newRow("too many folds") << QStringList{"--folds", "50"}
                                        << "--folds: 50 folds need at least as many test windows, but the test fraction 0.2 of 232 windows is 46";
        QTest::newRow("rolling without rows") << QStringList{"--window", "rolling"}
                                              << "--window: expected expanding or rolling:N with N >= 2 rows";
        QTest::newRow("rolling too short") << QStringList{"--window", "rolling:9"} << "--window: fold 1 has ";
        QTest::newRow("refit") << QStringList{"--refit", "sometimes"} << "--refit: \"sometimes\" is not one of every, fresh or never";
        QTest::newRow("no test part") << QStringList{"--split", "0.8,0.2,0"} << "--split: walk-forward evaluation needs a test part";
        QTest::newRow("out is data") << QStringList{"--out", "./series.csv"} << "--out \"./series.csv\" and --data \"series.csv\" name the same file";
    }

    void usageErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QString data = write_series(cwd);
        QStringList args = base_args(data);
        if (extra.first() == "--folds" && extra.size() == 1) {
            args.removeAt(args.indexOf("--folds") + 1);
            args.removeAll("--folds");
        } else if (args.contains(extra.first())) {
            args[args.indexOf(extra.first()) + 1] = extra[1];
        } else {
            args += extra;
        }
        const auto run = run_cli(args, cwd);
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(QDir(cwd).entryList(QDir::Files), QStringList{"series.csv"});
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliBacktest)

}  // namespace tst_cli_backtest
#include "tst_cli_backtest.moc"
