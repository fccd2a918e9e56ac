// `lstmlab-cli completion bash`: the script is valid bash, and driven as bash's programmable completion
// drives it (COMP_WORDS, COMP_CWORD, then the function; COMPREPLY holds the candidates) it completes
// commands, options, enumerated values, files and directories -- and offers exactly the options that
// `help COMMAND` lists, because both come from the same option table.
#include "cli_runner.h"
#include "test_support.h"
#include "test_main.h"

#include <QDir>
#include <QFile>
#include <QtTest>

namespace tst_cli_completion {

using lstmlab::test::run_cli;
using lstmlab::test::TempDir;

class TestCliCompletion : public QObject {
    Q_OBJECT
private:
    TempDir m_dir;
    QString m_script;

    // The candidates bash would offer for `words` (the last one is the word being completed).
    QStringList complete(const QStringList& words)
    {
        QProcess bash;
        bash.setWorkingDirectory(QString::fromStdString(m_dir.path()));
        bash.start("bash", QStringList{"--norc", "--noprofile", "-c",
                                       "source \"$1\" && shift && COMP_WORDS=(\"$@\") && COMP_CWORD=$(( $# - 1 )) && "
                                       "_lstmlab_cli; printf '%s\\n' \"${COMPREPLY[@]}\"",
                                       "bash", m_script} + words);
        if (!bash.waitForFinished(20000))
            return {"<bash did not finish>"};
        QStringList out = QString::fromUtf8(bash.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        out.sort();
        return out;
    }

private slots:
    void initTestCase()
    {
        const auto run = run_cli({"completion", "bash"});
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.err.isEmpty());
        QVERIFY(run.out.contains("complete -F _lstmlab_cli lstmlab-cli"));
        m_script = QString::fromStdString(m_dir.file("lstmlab-cli.bash"));
        QFile file(m_script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(run.out.toUtf8());
        file.close();
        QVERIFY(QDir(QString::fromStdString(m_dir.path())).mkdir("runs"));
        QFile csv(QString::fromStdString(m_dir.file("series.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.close();
    }

    void scriptIsValidBash()
    {
        QProcess bash;
        bash.start("bash", {"-n", m_script});
        QVERIFY(bash.waitForFinished(20000));
        QCOMPARE(bash.exitCode(), 0);
        QVERIFY2(bash.readAllStandardError().isEmpty(), "bash -n reported a problem");
    }

    void completes_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("expected");   // sorted
        QTest::newRow("command") << QStringList{"lstmlab-cli", "tr"} << QStringList{"train"};
        QTest::newRow("commands with s") << QStringList{"lstmlab-cli", "s"} << QStringList{"summary", "sweep", "sweep-status", "sweep-trial"};
        QTest::newRow("backend values") << QStringList{"lstmlab-cli", "sweep", "--backend", ""} << QStringList{"local", "slurm"};
        QTest::newRow("global flags") << QStringList{"lstmlab-cli", "--"} << QStringList{"--help", "--version"};
        QTest::newRow("cell values") << QStringList{"lstmlab-cli", "train", "--cell", ""} << QStringList{"gru", "lstm"};
        QTest::newRow("cell after =") << QStringList{"lstmlab-cli", "train", "--cell", "=", "g"} << QStringList{"gru"};
        QTest::newRow("presets") << QStringList{"lstmlab-cli", "summary", "--preset", ""}
                                 << QStringList{"attention", "bidirectional", "gru", "single", "stacked"};
        QTest::newRow("target transform") << QStringList{"lstmlab-cli", "sweep", "--target-transform", "l"}
                                          << QStringList{"level", "log", "logreturn"};
        QTest::newRow("commands with b") << QStringList{"lstmlab-cli", "b"} << QStringList{"backtest", "backtest-fold", "bench"};
        QTest::newRow("backtest refit") << QStringList{"lstmlab-cli", "backtest", "--refit", ""}
                                        << QStringList{"every", "fresh", "never"};
        QTest::newRow("backtest window") << QStringList{"lstmlab-cli", "backtest", "--window", ""}
                                         << QStringList{"expanding", "rolling:"};
        QTest::newRow("backtest fold table") << QStringList{"lstmlab-cli", "backtest", "--out", "ser"} << QStringList{"series.csv"};
        QTest::newRow("predict split") << QStringList{"lstmlab-cli", "predict", "--split", ""} << QStringList{"all", "test"};
        QTest::newRow("option prefix") << QStringList{"lstmlab-cli", "train", "--pre"} << QStringList{"--preset"};
        QTest::newRow("a number: nothing") << QStringList{"lstmlab-cli", "train", "--epochs", ""} << QStringList{};
        QTest::newRow("data file") << QStringList{"lstmlab-cli", "train", "--data", "ser"} << QStringList{"series.csv"};
        QTest::newRow("run folder") << QStringList{"lstmlab-cli", "train", "--run-dir", "r"} << QStringList{"runs"};
        QTest::newRow("help topic") << QStringList{"lstmlab-cli", "help", "ev"} << QStringList{"evaluate"};
        QTest::newRow("completion shell") << QStringList{"lstmlab-cli", "completion", "b"} << QStringList{"bash"};
        QTest::newRow("unknown command") << QStringList{"lstmlab-cli", "trian", "--"} << QStringList{};
    }
    void completes()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, expected);
        QCOMPARE(complete(words), expected);
    }

    // What `--` completes to is what `help COMMAND` documents, for every command.
    void optionsAreTheHelpOptions()
    {
        for (const char* command : {"inspect", "summary", "train", "predict", "evaluate", "forecast", "backtest", "sweep", "bench"}) {
            const auto help = run_cli({"help", command});
            QStringList documented;
            for (const QString& line : help.out.split('\n'))
                if (line.startsWith("  --"))
                    documented << line.trimmed().section(' ', 0, 0);
            documented.sort();
            QVERIFY(documented.size() >= 3);
            QCOMPARE(complete({"lstmlab-cli", command, "--"}), documented);
        }
    }

    void otherShellsAreAUsageError()
    {
        const auto run = run_cli({"completion", "zsh"});
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains("lstmlab-cli completion bash"), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliCompletion)

}  // namespace tst_cli_completion
#include "tst_cli_completion.moc"
