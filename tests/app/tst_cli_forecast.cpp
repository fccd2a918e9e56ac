// lstmlab-cli forecast on the bundled sample: the next 5 trading days after Friday 2006-12-29 are
// 2007-01-02 .. 2007-01-08 (1 January, which the history always skips, is closed), with 80 % and 95 %
// intervals around each prediction, as a table, a CSV and JSON; evaluate reports the intervals' test
// coverage beside their levels.
#include "cli_runner.h"
#include "engine/io/checkpoint.h"
#include "test_support.h"
#include "test_main.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

namespace tst_cli_forecast {

using lstmlab::test::run_cli;
using lstmlab::test::source_path;
using lstmlab::test::TempDir;

namespace {

QString sample() { return QString::fromStdString(source_path("resources/data/ohlcv_sample.csv")); }

} // namespace

class TestCliForecast : public QObject {
    Q_OBJECT
private slots:
    void nextFiveTradingDays()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        auto run = run_cli({"train", "--data", sample(), "--target", "Close", "--features", "Close", "--target-transform",
                            "logreturn", "--feature-transform", "logreturn", "--horizon", "5", "--hidden", "8",
                            "--epochs", "1", "--threads", "1", "--out", "m.safetensors"},
                           cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));

        run = run_cli({"forecast", "--checkpoint", "m.safetensors", "--data", sample(), "--out", "f.csv"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY2(run.out.startsWith("Forecast of Close after 2006-12-29 (last value "), qPrintable(run.out));
        QVERIFY(run.out.contains("calendar: business daily: "));
        QVERIFY(run.out.contains("1 January is skipped"));
        QVERIFY(run.out.contains("intervals: split conformal on "));
        QVERIFY2(run.out.contains("validation windows, stored in the checkpoint at the end of training"), qPrintable(run.out));
        const QString stored_run = run.out;
        QFile file(cwd + "/f.csv");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QByteArray("step,Date,predicted,lower_80,upper_80,lower_95,upper_95"));
        const QStringList days = {"2007-01-02", "2007-01-03", "2007-01-04", "2007-01-05", "2007-01-08"};
        for (int h = 1; h <= 5; ++h) {
            const QList<QByteArray> cells = lines[h].split(',');
            QCOMPARE(cells.size(), 7);
            QCOMPARE(cells[0].toInt(), h);
            QCOMPARE(QString(cells[1]), days[h - 1]);
            const double p = cells[2].toDouble(), l80 = cells[3].toDouble(), u80 = cells[4].toDouble(),
                         l95 = cells[5].toDouble(), u95 = cells[6].toDouble();
            QVERIFY(l95 <= l80 && l80 < p && p < u80 && u80 <= u95);
            QVERIFY(p > 30 && p < 80);   // near the last close (51-52 in December 2006)
        }
        // The table shows the CSV's first row, rounded to six significant digits.
        QVERIFY(run.out.contains(QRegularExpression("\\n1 +2007-01-02 +" + QString::number(lines[1].split(',')[2].toDouble(), 'g', 6))));

        run = run_cli({"forecast", "--checkpoint", "m.safetensors", "--data", sample(), "--json", "--interval", "0.9"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json["last_time"].toString(), QString("2006-12-29"));
        const QJsonArray steps = json["steps"].toArray();
        QCOMPARE(steps.size(), 5);
        QCOMPARE(steps[4].toObject()["time"].toString(), QString("2007-01-08"));
        const QJsonObject interval = steps[0].toObject()["intervals"].toArray()[0].toObject();
        QCOMPARE(interval["level"].toDouble(), 0.9);
        QVERIFY(interval["test_coverage"].toDouble() > 0.5);

        // --out may not overwrite an input: exit 2, both options named, the checkpoint untouched.
        QFile checkpoint(cwd + "/m.safetensors");
        QVERIFY(checkpoint.open(QIODevice::ReadOnly));
        const QByteArray before = checkpoint.readAll();
        checkpoint.close();
        run = run_cli({"forecast", "--checkpoint", "m.safetensors", "--data", sample(), "--out", "./m.safetensors"}, cwd);
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains("--out") && run.err.contains("--checkpoint"), qPrintable(run.err));
        QVERIFY(checkpoint.open(QIODevice::ReadOnly));
        QCOMPARE(checkpoint.readAll(), before);

        // A checkpoint written before the calibration was stored: forecast computes it from the data's
        // validation split, says so, and (same data, same weights) gives the same intervals.
        lstmlab::Checkpoint old = lstmlab::load_checkpoint(dir.file("m.safetensors"));
        QVERIFY(old.calibration);
        QCOMPARE(old.calibration->levels, (std::vector<double>{0.8, 0.95}));
        old.calibration.reset();
        lstmlab::save_checkpoint(dir.file("old.safetensors"), old);
        run = run_cli({"forecast", "--checkpoint", "old.safetensors", "--data", sample()}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("computed from this data's validation split (the checkpoint stores no calibration)"),
                 qPrintable(run.out));
        const auto table = [](const QString& out) { return out.mid(out.indexOf("\nstep")); };
        QCOMPARE(table(run.out), table(stored_run));

        run = run_cli({"forecast", "--checkpoint", "m.safetensors", "--data", sample(), "--interval", "1.5"}, cwd);
        QCOMPARE(run.exit_code, 2);
        QVERIFY(run.err.contains("--interval: a level must be between 0 and 1"));

        run = run_cli({"evaluate", "--checkpoint", "m.safetensors", "--data", sample(), "--json"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject intervals = QJsonDocument::fromJson(run.out.toUtf8()).object()["intervals"].toObject();
        QCOMPARE(intervals["method"].toString(), QString("split conformal"));
        const QJsonArray levels = intervals["levels"].toArray();
        QCOMPARE(levels.size(), 2);
        QCOMPARE(levels[1].toObject()["level"].toDouble(), 0.95);
        const double coverage = levels[1].toObject()["test_coverage"].toDouble();
        QVERIFY2(coverage > 0.5 && coverage <= 1.0, qPrintable(QString::number(coverage)));
        QCOMPARE(levels[1].toObject()["half_width"].toArray().size(), 5);
        run = run_cli({"evaluate", "--checkpoint", "m.safetensors", "--data", sample()}, cwd);
        QVERIFY(run.out.contains("Prediction intervals (split conformal on "));
        QVERIFY(run.out.contains("95 % covers "));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliForecast)

}  // namespace tst_cli_forecast
#include "tst_cli_forecast.moc"
