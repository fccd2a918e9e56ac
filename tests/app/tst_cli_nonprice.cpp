// Series that are not positive prices go through the whole CLI story (train -> evaluate -> predict):
// counts with zeros, temperatures around 0 degrees C, a positive series with a constant stretch.
// Every figure that does not apply is n/a with its reason, everything else is finite, exit 0, the
// checkpoint and the predictions are written. Transforms that need positive values are refused
// before training, naming the column, the line and the transforms that work.
#include "cli_runner.h"
#include "test_support.h"
#include "test_main.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

namespace tst_cli_nonprice {

using lstmlab::test::run_cli;
using lstmlab::test::source_path;
using lstmlab::test::TempDir;

namespace {

QString series(const QString& name)
{
    return QString::fromStdString(source_path("tests/data/nonprice/" + name.toStdString()));
}

struct Lowest {
    double value = 1e300;
    int line = 0;
};

// The minimum of column 2 and the physical line of its first occurrence (header = line 1).
Lowest lowest_value(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Lowest lowest;
    int line = 0;
    for (const QByteArray& row : file.readAll().split('\n')) {
        ++line;
        if (line == 1 || row.isEmpty())
            continue;
        const double value = row.split(',').at(1).toDouble();
        if (value < lowest.value)
            lowest = {value, line};
    }
    return lowest;
}

double average(const QJsonObject& split, const char* table, const char* metric)
{
    const QJsonValue value = split["metrics"].toObject()[table].toObject()["average"].toObject()[metric];
    return value.isDouble() ? value.toDouble() : std::nan("");
}

} // namespace

class TestCliNonPrice : public QObject {
    Q_OBJECT
private slots:
    void wholeStory_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("transform");
        QTest::addColumn<bool>("positive");
        QTest::addColumn<int>("season");
        QTest::addColumn<bool>("zeros_in_test");   // 0.0 on lines 422, 438, 447 of the temperatures
        QTest::newRow("counts with zeros") << "counts_monthly.csv" << "Count" << "level" << false << 12 << true;
        QTest::newRow("temperatures") << "temperature_daily.csv" << "Temperature" << "diff" << false << 7 << true;
        QTest::newRow("constant stretch") << "constant_stretch.csv" << "Value" << "diff" << true << 5 << false;
    }
    void wholeStory()
    {
        QFETCH(QString, file);
        QFETCH(QString, column);
        QFETCH(QString, transform);
        QFETCH(bool, positive);
        QFETCH(int, season);
        QFETCH(bool, zeros_in_test);
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QString data = series(file);
        auto run = run_cli({"train", "--data", data, "--target", column, "--features", column, "--target-transform",
                            transform, "--feature-transform", transform, "--hidden", "8", "--seq-len", "14",
                            "--epochs", "3", "--threads", "1", "--out", "m.safetensors"},
                           cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err + run.out));
        QVERIFY(QFile::exists(cwd + "/m.safetensors"));
        QVERIFY2(run.out.contains(positive ? "test RMSE (price units)" : "test RMSE (target units)"), qPrintable(run.out));
        const Lowest lowest = lowest_value(data);
        const QString backtest_reason = QString("the target is not a positive price series (min %1 at line %2)")
                                            .arg(lowest.value, 0, 'g', 6)
                                            .arg(lowest.line);
        QCOMPARE(run.out.contains("n/a: backtest: " + backtest_reason + "."), !positive);
        QCOMPARE(run.out.contains("test Sharpe:"), positive);
        QVERIFY2(!run.out.contains("nan") && !run.out.contains("inf"), qPrintable(run.out));

        run = run_cli({"evaluate", "--checkpoint", "m.safetensors", "--data", data, "--json"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(report["units"].toString(), QString(positive ? "price units" : "target units"));
        QCOMPARE(report["backtest"].isNull(), !positive);
        if (!positive)
            QCOMPARE(report["reasons"].toObject()["backtest"].toString(), backtest_reason);
        const QJsonObject test = report["test"].toObject();
        QCOMPARE(test["season"].toInt(), season);
        for (const char* table : {"model", "persistence", "seasonal_naive", "training_mean"})
            for (const char* metric : {"rmse", "mae", "mase", "smape", "directional_accuracy"})
                QVERIFY2(std::isfinite(average(test, table, metric)), qPrintable(QString("%1 %2").arg(table, metric)));
        QCOMPARE(std::isnan(average(test, "model", "mape")), zeros_in_test);
        QCOMPARE(test["reasons"].toObject().contains("mape"), zeros_in_test);
        if (zeros_in_test)
            QVERIFY(test["reasons"].toObject()["mape"].toString().contains(" actual values are 0"));

        run = run_cli({"evaluate", "--checkpoint", "m.safetensors", "--data", data}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QCOMPARE(run.out.count("n/a: backtest:"), positive ? 0 : 1);   // each reason once
        QVERIFY(run.out.contains(QString("seasonal naive (%1)").arg(season)));

        run = run_cli({"predict", "--checkpoint", "m.safetensors", "--data", data, "--out", "p.csv"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QFile predictions(cwd + "/p.csv");
        QVERIFY(predictions.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = predictions.readAll().split('\n');
        QVERIFY(lines.size() > 100);
        for (int r = 1; r < lines.size(); ++r)
            if (!lines[r].isEmpty())
                QVERIFY2(!lines[r].endsWith(','), lines[r].constData());   // no empty predicted cell
    }

    void transformsNeedingPositiveValuesAreRefusedBeforeTraining_data()
    {
        QTest::addColumn<QString>("transform");
        QTest::newRow("logreturn") << "logreturn";
        QTest::newRow("return") << "return";
        QTest::newRow("log") << "log";
    }
    void transformsNeedingPositiveValuesAreRefusedBeforeTraining()
    {
        QFETCH(QString, transform);
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QString data = series("temperature_daily.csv");
        const auto run = run_cli({"train", "--data", data, "--target", "Temperature", "--features", "Temperature",
                                  "--target-transform", transform, "--feature-transform", "level", "--epochs", "1",
                                  "--out", "m.safetensors"},
                                 cwd);
        QCOMPARE(run.exit_code, 1);
        // The first value <= 0 is on line 2 (-7.7).
        const QString expected = data + ":2 (column \"Temperature\"): the " + transform
                               + " transform needs positive values (a price), and this one is -7.7; for a series that "
                                 "reaches 0 or below use the level or diff transform.";
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QVERIFY(!run.err.contains("epoch 1"));
        QVERIFY(!QFile::exists(cwd + "/m.safetensors"));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliNonPrice)

}  // namespace tst_cli_nonprice
#include "tst_cli_nonprice.moc"
