// lstmlab-cli as a user meets it: summary totals equal PyTorch's counts, bad invocations give one
// line on stderr and exit code 2 without creating anything (R14), bench and inspect run.
#include "cli_runner.h"
#include "test_support.h"
#include "test_main.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace tst_cli_basics {

using lstmlab::test::run_cli;

class TestCliBasics : public QObject {
    Q_OBJECT
private slots:
    void summaryTotals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("total");
        // Totals: sum(p.numel() for p in model.parameters()) of the same PyTorch modules
        // (resources/python/lstmlab_torch.py build_model; SingleLSTM(10, 32, 1) of the tutorial = 5,665).
        QTest::newRow("tutorial SingleLSTM(10, 32, 1)")
            << QStringList{"--cell", "lstm", "--hidden", "32", "--features", "10", "--seq-len", "20"} << "5,665";
        QTest::newRow("stacked 64,32 (really 64 then 32)")
            << QStringList{"--preset", "stacked", "--features", "10", "--seq-len", "20"} << "32,033";
        QTest::newRow("bidirectional 32")
            << QStringList{"--preset", "bidirectional", "--features", "10"} << "11,329";
        QTest::newRow("attention 32,32")
            << QStringList{"--preset", "attention", "--features", "10"} << "16,257";
        QTest::newRow("gru 64,64")
            << QStringList{"--preset", "gru", "--features", "10"} << "39,617";
    }
    void summaryTotals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, total);
        const auto run = run_cli(QStringList{"summary"} + arguments);
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.contains("total parameters: " + total + " "), qPrintable(run.out));
        QVERIFY(run.err.isEmpty());
    }

    void summaryShowsRealLayerShapes()
    {
        const auto run = run_cli({"summary", "--hidden", "64,32", "--features", "10", "--seq-len", "20"});
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.out.contains(QRegularExpression("lstm\\.0 +LSTM 10 -> 64 +\\(B, 20, 64\\) +19,456")));
        QVERIFY(run.out.contains(QRegularExpression("lstm\\.1 +LSTM 64 -> 32 +\\(B, 20, 32\\) +12,544")));
        QVERIFY(run.out.contains(QRegularExpression("lstm\\.1\\.weight_ih_l0 +\\[128, 64\\]")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << "usage: lstmlab-cli COMMAND";
        QTest::newRow("unknown command") << QStringList{"trian"} << "unknown command \"trian\"";
        QTest::newRow("unknown option") << QStringList{"summary", "--features", "3", "--hiden", "4"}
                                        << "unknown option --hiden (did you mean --hidden?)";
        QTest::newRow("missing value") << QStringList{"summary", "--features"} << "option --features needs a value";
        QTest::newRow("twice") << QStringList{"summary", "--features", "3", "--features", "4"} << "--features is given twice";
        QTest::newRow("not a number") << QStringList{"summary", "--features", "three"} << "--features: \"three\" is not a whole number";
        QTest::newRow("out of range") << QStringList{"summary", "--features", "3", "--seq-len", "0"} << "--seq-len: 0 is outside 1..1000";
        QTest::newRow("hidden zero") << QStringList{"summary", "--features", "3", "--hidden", "32,0"} << "--hidden: 0 is outside 1..4096";
        QTest::newRow("hidden empty item") << QStringList{"summary", "--features", "3", "--hidden", "32,"} << "--hidden: \"32,\" has an empty item";
        QTest::newRow("dropout one layer") << QStringList{"summary", "--features", "3", "--dropout", "0.2"}
                                           << "--dropout: inter-layer dropout needs at least two layers";
        QTest::newRow("dropout range") << QStringList{"summary", "--features", "3", "--hidden", "8,8", "--dropout", "1.5"}
                                       << "--dropout: 1.5 is outside [0, 0.99]";
        QTest::newRow("bad cell") << QStringList{"summary", "--features", "3", "--cell", "rnn"} << "--cell: \"rnn\" is not one of lstm or gru";
        QTest::newRow("bad preset") << QStringList{"summary", "--features", "3", "--preset", "big"} << "\"big\" is not a preset";
        QTest::newRow("flag with value") << QStringList{"summary", "--features", "3", "--attention=yes"} << "--attention is a flag";
        QTest::newRow("stray word") << QStringList{"summary", "features"} << "unexpected argument \"features\"";
        QTest::newRow("missing features") << QStringList{"summary"} << "--features is required";
        QTest::newRow("missing file") << QStringList{"inspect", "--data", "no-such.csv"} << "--data: no such file \"no-such.csv\"";
        QTest::newRow("directory as file") << QStringList{"inspect", "--data", "."} << "--data: \".\" is a directory";
        QTest::newRow("bench case") << QStringList{"bench", "--cases", "huge"} << "--cases: \"huge\" is not a benchmark case";
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        lstmlab::test::TempDir dir;
        const auto run = run_cli(arguments, QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        if (!arguments.isEmpty())
            QCOMPARE(run.err.count('\n'), 1);   // one line
        QVERIFY(run.out.isEmpty());
        QVERIFY(QDir(QString::fromStdString(dir.path())).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    }

    void sweepFileErrorsPointIntoTheFile()
    {
        lstmlab::test::TempDir dir;
        QFile grid(QString::fromStdString(dir.file("grid.json")));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write("{\"mode\": \"grid\",\n \"grid\": {\"dropout\": [0.1, 1.5]}}\n");
        grid.close();
        const auto run = run_cli({"sweep", "--data", QString::fromStdString(lstmlab::test::source_path("resources/data/ohlcv_sample.csv")),
                                  "--target", "Close", "--grid", "grid.json", "--out", "results.csv"},
                                 QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains("grid.json:2:28: grid.dropout[1]: --dropout: 1.5 is outside [0, 0.99]"), qPrintable(run.err));
        QCOMPARE(QDir(QString::fromStdString(dir.path())).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 1);
    }

    void sweepDefaultIsTheTutorialGrid()
    {
        const auto run = run_cli({"sweep", "--print-default"});
        QCOMPARE(run.exit_code, 0);
        const QJsonObject sweep = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(sweep["mode"].toString(), QString("list"));
        QCOMPARE(sweep["configurations"].toArray().size(), 4);
    }

    void benchQuickJson()
    {
        const auto run = run_cli({"bench", "--quick", "--json", "--cases", "single_h32,attention_h32x2"});
        QCOMPARE(run.exit_code, 0);
        const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
        const QJsonArray cases = doc.object().value("cases").toArray();
        QCOMPARE(cases.size(), 2);
        QCOMPARE(cases[0].toObject().value("name").toString(), QString("single_h32"));
        QCOMPARE(cases[0].toObject().value("parameters").toInt(), 5665);
        QVERIFY(cases[0].toObject().value("train_samples_per_s").toDouble() > 0);
        QVERIFY(cases[1].toObject().value("latency_us").toDouble() > 0);
    }

    // Every command listed by --help answers -h and --help with exactly what help COMMAND prints.
    void helpOnEveryCommand()
    {
        const auto usage = run_cli({"--help"});
        QCOMPARE(usage.exit_code, 0);
        QStringList commands;
        bool listing = false;
        for (const QString& line : usage.out.split('\n')) {
            if (line == "commands:")
                listing = true;
            else if (listing && line.startsWith("  "))
                commands << line.trimmed().section(' ', 0, 0);
            else if (listing)
                break;
        }
        QCOMPARE(commands, (QStringList{"inspect", "summary", "train", "predict", "evaluate", "forecast", "backtest", "backtest-fold", "sweep", "sweep-trial", "sweep-status", "bench", "help", "completion"}));
        for (const QString& command : commands) {
            const auto reference = run_cli({"help", command});
            QCOMPARE(reference.exit_code, 0);
            QVERIFY2(reference.out.startsWith("lstmlab-cli " + command + ": "), qPrintable(reference.out));
            QVERIFY(reference.err.isEmpty());
            for (const char* flag : {"--help", "-h"}) {
                const auto asked = run_cli({command, flag});
                QCOMPARE(asked.exit_code, 0);
                QCOMPARE(asked.out, reference.out);
                QVERIFY(asked.err.isEmpty());
            }
        }
        // --help after other options still answers, and creates nothing; the value of an option is not a flag.
        lstmlab::test::TempDir dir;
        const auto late = run_cli({"train", "--data", "x.csv", "--out", "m.safetensors", "--help"}, QString::fromStdString(dir.path()));
        QCOMPARE(late.exit_code, 0);
        QCOMPARE(late.out, run_cli({"help", "train"}).out);
        QVERIFY(late.out.contains("--target-transform level|diff|return|logreturn"));
        QVERIFY(late.out.contains("--help") && late.out.contains("this text (also -h)"));
        QVERIFY(QDir(QString::fromStdString(dir.path())).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
        const auto value = run_cli({"inspect", "--data", "-h"});
        QCOMPARE(value.exit_code, 2);
        QVERIFY2(value.err.contains("--data: no such file \"-h\""), qPrintable(value.err));
        const auto unknown = run_cli({"help", "trian"});
        QCOMPARE(unknown.exit_code, 2);
        QVERIFY(unknown.err.contains("unknown command \"trian\""));
    }

    void version()
    {
        const auto run = run_cli({"--version"});
        QCOMPARE(run.exit_code, 0);
        QCOMPARE(run.out, QString("lstmlab-cli " LSTMLAB_VERSION "\n"));   // CMake's project version
        QVERIFY(QRegularExpression("^lstmlab-cli \\d+\\.\\d+\\.\\d+\n$").match(run.out).hasMatch());
        QVERIFY(run.err.isEmpty());
    }

    void inspectSample()
    {
        const auto run = run_cli({"inspect", "--data", QString::fromStdString(lstmlab::test::source_path("resources/data/ohlcv_sample.csv")), "--json"});
        QCOMPARE(run.exit_code, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(report.value("rows").toInt(), 5550);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliBasics)

}  // namespace tst_cli_basics
#include "tst_cli_basics.moc"
