// The CLI workflow of the training issue, as a user runs it from a fresh clone: train (attention,
// log returns) -> evaluate (metrics beside baselines, backtest) -> predict with attention -> resume.
// Plus: Ctrl-C mid-run exits 130 with a checkpoint that resumes to exactly the uninterrupted result
// (R5 across processes), and usage errors create nothing (R14).
#include "cli_runner.h"
#include "engine/io/run_folder.h"
#include "engine/io/safetensors.h"
#include "test_support.h"
#include "test_main.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <csignal>
#include <cstring>

namespace tst_cli_workflow {

using lstmlab::test::read_csv;
using lstmlab::test::run_cli;
using lstmlab::test::source_path;
using lstmlab::test::TempDir;

namespace {

QString sample() { return QString::fromStdString(source_path("resources/data/ohlcv_sample.csv")); }

// The attention model on five features. `hidden` 8,8 where only the files and counts matter (the
// sanitizer tree trains it too); 32,32 where a run must last long enough to be interrupted.
QStringList attention_run(const QString& hidden)
{
    return {"--target", "Close", "--features", "Open,High,Low,Close,Volume", "--target-transform", "logreturn",
            "--attention", "--hidden", hidden};
}

bool same_tensors(const std::string& a, const std::string& b)
{
    const auto fa = lstmlab::read_safetensors(a);
    const auto fb = lstmlab::read_safetensors(b);
    if (fa.tensors().size() != fb.tensors().size())
        return false;
    for (const auto& t : fa.tensors()) {
        const auto other = fb.find(t.name);
        if (!other || other->shape != t.shape)
            return false;
        const auto x = fa.bytes(t);
        const auto y = fb.bytes(*other);
        if (x.size() != y.size() || std::memcmp(x.data(), y.data(), x.size()) != 0)
            return false;
    }
    return true;
}

} // namespace

class TestCliWorkflow : public QObject {
    Q_OBJECT
private slots:
    void trainEvaluatePredictResume()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        auto run = run_cli(QStringList{"train", "--data", sample()} + attention_run("8,8") +
                               QStringList{"--epochs", "5", "--out", "m.safetensors", "--run-dir", "run"},
                           cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("epochs: 5"));
        QVERIFY(run.err.contains("3870 training, 829 validation, 830 test windows"));
        QCOMPARE(run.err.count("\nepoch "), 5);   // a pipe gets one line per epoch

        // evaluate: metrics beside both baselines, and the backtest beside buy-and-hold.
        run = run_cli({"evaluate", "--checkpoint", "m.safetensors", "--data", sample(), "--json"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(report["test"].toObject()["windows"].toInt(), 830);
        QCOMPARE(report["validation"].toObject()["windows"].toInt(), 829);
        const QJsonObject test = report["test"].toObject()["metrics"].toObject();
        QVERIFY(test["persistence"].toObject()["average"].toObject()["rmse"].toDouble() > 0);
        QVERIFY(test["training_mean"].toObject()["average"].toObject().contains("r2"));
        QVERIFY(report["backtest"].toObject()["buy_and_hold"].toObject().contains("sharpe"));
        const double persistence_rmse = test["persistence"].toObject()["average"].toObject()["rmse"].toDouble();
        run = run_cli({"evaluate", "--checkpoint", "m.safetensors", "--data", sample()}, cwd);
        QVERIFY(run.out.contains("persistence") && run.out.contains("buy and hold"));

        // predict with attention: one row per window, weights summing to 1.
        run = run_cli({"predict", "--checkpoint", "m.safetensors", "--data", sample(), "--out", "p.csv",
                       "--attention", "a.csv"},
                      cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const auto predictions = read_csv(cwd + "/p.csv");
        const auto attention = read_csv(cwd + "/a.csv");
        QCOMPARE(predictions.size(), 1 + 3870 + 829 + 830);
        QCOMPARE(predictions[0], (QStringList{"Date", "split", "actual", "predicted"}));
        QCOMPARE(attention.size(), predictions.size());
        QCOMPARE(attention[0].size(), 2 + 20);
        QCOMPARE(attention[0][2], QString("lag_19"));
        for (int r = 1; r < attention.size(); r += 97) {
            double sum = 0;
            for (int c = 2; c < attention[r].size(); ++c)
                sum += attention[r][c].toDouble();
            QVERIFY(std::abs(sum - 1.0) < 1e-5);
            QCOMPARE(attention[r][0], predictions[r][0]);
        }
        // The persistence baseline of evaluate, recomputed from predict's actual prices: on consecutive
        // test windows the last known price is the previous window's actual price.
        double squares = 0;
        int count = 0;
        for (int r = 2; r < predictions.size(); ++r) {
            if (predictions[r][1] != "test")
                continue;
            if (predictions[r - 1][1] != "test") {   // the first test window's P_t is the row before it
                continue;
            }
            const double d = predictions[r][2].toDouble() - predictions[r - 1][2].toDouble();
            squares += d * d;
            ++count;
        }
        QCOMPARE(count, 829);
        // evaluate averages all 830 windows; the first one's P_t is not in predict's output, so compare
        // the 829 shared ones with a tolerance that the one missing term cannot exceed.
        QVERIFY(std::abs(std::sqrt(squares / count) - persistence_rmse) < 0.01);

        // resume for 3 more epochs: continues at epoch 6, the run folder gains 3 rows.
        run = run_cli({"train", "--data", sample(), "--resume", "m.safetensors", "--epochs", "3", "--out",
                       "m.safetensors", "--run-dir", "run"},
                      cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY(run.err.contains("resuming after 5 epochs"));
        QVERIFY(run.err.contains("epoch 6/8"));
        QVERIFY(!run.err.contains("epoch 5/"));
        const lstmlab::RunRecord record = lstmlab::RunFolder::read(dir.file("run"));
        QCOMPARE(int(record.epochs.size()), 8);
        QVERIFY(record.torn_row.empty());
        QCOMPARE(QString::fromStdString(lstmlab::get_string(*record.info.find("status"), "status")), QString("finished"));
    }

    void interruptedRunResumesExactly()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QStringList common = QStringList{"--data", sample()} + attention_run("32,32") +
                                   QStringList{"--epochs", "6", "--batch-size", "16", "--dropout", "0.2", "--quiet"};
        auto whole = run_cli(QStringList{"train"} + common + QStringList{"--out", "whole.safetensors"}, cwd);
        QVERIFY2(whole.exit_code == 0, qPrintable(whole.err));

        // The same run, interrupted with SIGINT once its first checkpoint exists.
        QProcess process;
        process.setWorkingDirectory(cwd);
        process.start(QStringLiteral(LSTMLAB_CLI_PATH), QStringList{"train"} + common + QStringList{"--out", "part.safetensors"});
        QVERIFY(process.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        while (!QFile::exists(cwd + "/part.safetensors") && clock.elapsed() < 60000)
            QTest::qWait(20);
        QTest::qWait(150);   // into the second epoch
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitCode() == 130, qPrintable(err));
        // Usually mid-epoch ("at epoch 2, batch b"); when the signal lands while an epoch's checkpoint is
        // being written it stops at the boundary ("after epoch 2"). Both must resume exactly; tst_trainer
        // covers each case deterministically.
        QVERIFY2(err.contains("stopped by the user at epoch") || err.contains("stopped by the user after epoch"),
                 qPrintable(err));
        QVERIFY(err.contains("--resume part.safetensors"));

        auto resumed = run_cli({"train", "--data", sample(), "--resume", "part.safetensors", "--out", "part.safetensors",
                                "--quiet"},
                               cwd);
        QVERIFY2(resumed.exit_code == 0, qPrintable(resumed.err));
        QVERIFY(same_tensors(dir.file("whole.safetensors"), dir.file("part.safetensors")));
        const auto a = lstmlab::read_safetensors(dir.file("whole.safetensors"));
        const auto b = lstmlab::read_safetensors(dir.file("part.safetensors"));
        // The loss history (inside "train") is identical too; only timings differ.
        const auto history = [](const lstmlab::SafetensorsFile& f) {
            const QJsonObject train = QJsonDocument::fromJson(QByteArray::fromStdString(f.metadata_value("train"))).object();
            QJsonObject h = train["state"].toObject()["history"].toObject();
            h.remove("seconds");
            return h;
        };
        QCOMPARE(history(a), history(b));
        QCOMPARE(history(a)["epoch"].toArray().size(), 6);
    }

    // --resume with the options of the original command: equal values (in any spelling) are accepted,
    // a real change is refused with exit code 2, naming the option and both values, changing nothing.
    void resumeAcceptsEqualOptionsOnly()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QStringList original{"--target", "Close", "--hidden", "8", "--lr", "0.002", "--seq-len", "10",
                                   "--split", "0.8,0.1,0.1", "--quiet"};
        auto run = run_cli(QStringList{"train", "--data", sample(), "--epochs", "1", "--out", "m.safetensors"} + original, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));

        run = run_cli(QStringList{"train", "--data", sample(), "--resume", "m.safetensors", "--epochs", "1", "--out",
                                  "m.safetensors", "--threads", "2", "--target", "Close", "--hidden", "8", "--lr", "2e-3",
                                  "--split", "0.80,0.1,0.1"},
                      cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("resuming after 1 epoch"), qPrintable(run.err));
        QVERIFY(run.out.contains("epochs: 2"));

        QFile checkpoint(cwd + "/m.safetensors");
        QVERIFY(checkpoint.open(QIODevice::ReadOnly));
        const QByteArray before = checkpoint.readAll();
        checkpoint.close();
        const auto refused = [&](const QStringList& options, const QString& message) {
            const auto r = run_cli(QStringList{"train", "--data", sample(), "--resume", "m.safetensors", "--out",
                                               "m.safetensors", "--run-dir", "run"} + options, cwd);
            QCOMPARE(r.exit_code, 2);
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY(!QFile::exists(cwd + "/run"));
            QFile after(cwd + "/m.safetensors");
            QVERIFY(after.open(QIODevice::ReadOnly));
            QVERIFY(after.readAll() == before);
        };
        refused({"--target", "Close", "--hidden", "16"},
                "--hidden cannot change when resuming: the checkpoint has 8, the command line gives 16 "
                "(only --epochs and --threads may differ)");
        refused({"--lr", "0.001"}, "--lr cannot change when resuming: the checkpoint has 0.002, the command line gives 0.001");
        refused({"--preset", "gru"}, "--preset gru changes --cell, which cannot change when resuming: the checkpoint has "
                                     "lstm, --preset gru gives gru");
    }

    // Command-line options override the sweep file's "fixed" values, and the sweep says which.
    void sweepOptionsOverrideFixed()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        QFile grid(cwd + "/grid.json");
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write(R"({"mode": "grid", "fixed": {"epochs": 4, "hidden": [4], "seq-len": 8},
                       "grid": {"lr": [0.001, 0.002]}})");
        grid.close();
        const auto run = run_cli({"sweep", "--data", sample(), "--target", "Close", "--grid", "grid.json", "--epochs", "1",
                                  "--seq-len", "6", "--jobs", "1", "--out", "results.csv", "--quiet"},
                                 cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("the command line overrides the sweep file's \"fixed\": --epochs 1 (file: epochs 4), "
                                  "--seq-len 6 (file: seq-len 8)\n"),
                 qPrintable(run.err));
        const auto rows = read_csv(cwd + "/results.csv");
        QCOMPARE(rows.size(), 3);
        const int epochs = int(rows[0].indexOf("epochs"));
        QVERIFY(epochs > 0);
        QCOMPARE(rows[1][epochs], QString("1"));
        QCOMPARE(rows[2][epochs], QString("1"));
        // The trial's checkpoint holds the options it ran with: the command line's, and the file's hidden.
        const auto checkpoint = lstmlab::read_safetensors(dir.file("results.trials/trial-0001/checkpoint.safetensors"));
        const QJsonObject data = QJsonDocument::fromJson(QByteArray::fromStdString(checkpoint.metadata_value("data"))).object();
        QCOMPARE(data["sequence_length"].toInt(), 6);
        const QJsonObject model = QJsonDocument::fromJson(QByteArray::fromStdString(checkpoint.metadata_value("model"))).object();
        QCOMPARE(model["hidden"].toArray(), (QJsonArray{4}));
    }

    void trainUsageErrorsCreateNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QStringList base{"train", "--data", sample(), "--target", "Close", "--epochs", "1"};
        QTest::newRow("no target") << QStringList{"train", "--data", sample(), "--out", "m.safetensors"} << "--target is required";
        QTest::newRow("no out") << base << "--out is required";
        QTest::newRow("out in missing dir") << base + QStringList{"--out", "nowhere/m.safetensors"} << "--out: directory \"nowhere\" does not exist";
        QTest::newRow("out is a dir") << base + QStringList{"--out", "."} << "--out: \".\" is a directory";
        QTest::newRow("bad split") << base + QStringList{"--out", "m.s", "--split", "0.7,0.3"} << "--split: give three fractions";
        QTest::newRow("split sum") << base + QStringList{"--out", "m.s", "--split", "0.7,0.2,0.2"} << "--split";
        QTest::newRow("bad transform") << base + QStringList{"--out", "m.s", "--target-transform", "pct"} << "--target-transform: \"pct\" is not one of";
        QTest::newRow("transforms item") << base + QStringList{"--out", "m.s", "--transforms", "Volume"} << "--transforms: \"Volume\" is not COLUMN=TRANSFORM";
        QTest::newRow("lr") << base + QStringList{"--out", "m.s", "--lr", "abc"} << "--lr: \"abc\" is not a number";
        QTest::newRow("seed") << base + QStringList{"--out", "m.s", "--seed", "-3"} << "--seed: \"-3\" is not a whole number";
        QTest::newRow("missing data") << QStringList{"train", "--data", "none.csv", "--target", "Close", "--out", "m.s"} << "--data: no such file";
    }
    void trainUsageErrorsCreateNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        TempDir dir;
        const auto run = run_cli(arguments, QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(QDir(QString::fromStdString(dir.path())).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).isEmpty());
    }

    void dataErrorsAreOneSentence()
    {
        TempDir dir;
        QFile bad(QString::fromStdString(dir.file("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("Date,Close\n2020-01-01,1\n2020-01-02,abc\n");
        bad.close();
        const auto run = run_cli({"train", "--data", "bad.csv", "--target", "Close", "--out", "m.s"},
                                 QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(QRegularExpression("bad\\.csv:3:\\d+ \\(column \"Close\"\\): \"abc\" is not a number")),
                 qPrintable(run.err));
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(!QFile::exists(QString::fromStdString(dir.file("m.s"))));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliWorkflow)

}  // namespace tst_cli_workflow
#include "tst_cli_workflow.moc"
