// lstmlab-cli never writes over one of its inputs, nor two outputs into one file: every pair of path
// options of every command that writes (train, predict, sweep), each spelled the same, with "./", as
// "sub/../", as an absolute path, through a symlink and through a hard link, is refused with exit 2
// and one sentence naming both options, and no file in the folder changes. Also: FIFOs and /dev/stdin
// as input files, the sweep's exit status, and the choices `help` lists against the ones accepted.
#include "cli_runner.h"
#include "test_files.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <sys/stat.h>

namespace tst_cli_paths {

using lstmlab::test::CliRun;
using lstmlab::test::run_cli;
using lstmlab::test::TempDir;
using lstmlab::test::read_file_bytes;
using lstmlab::test::sample_csv_head;
namespace fs = std::filesystem;

namespace {

const QStringList tiny{"--target", "Close", "--hidden", "4", "--seq-len", "5", "--epochs", "1", "--batch-size", "32",
                       "--quiet"};

void write_text(const std::string& path, const std::string& text)
{
    fs::create_directories(fs::path(path).parent_path());
    lstmlab::test::write_file_bytes(path, text);
}

// Every entry under `dir` (symlinks not followed) with its kind and content: "nothing changed".
std::map<std::string, std::string> snapshot(const std::string& dir)
{
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const std::string name = fs::relative(entry.path(), dir).string();
        if (entry.is_symlink())
            files[name] = "-> " + fs::read_symlink(entry.path()).string();
        else if (entry.is_directory())
            files[name] = "<dir>";
        else if (!entry.is_regular_file())
            files[name] = "<special>";   // a FIFO: opening it would wait for a writer
        else
            files[name] = read_file_bytes(entry.path().string());
    }
    return files;
}

// A checkpoint every row can use (trained once per test run).
const std::string& trained_checkpoint()
{
    static const TempDir dir;
    static const std::string path = [] {
        write_text(dir.file("data.csv"), sample_csv_head(150));
        const CliRun run = run_cli(QStringList{"train", "--data", QString::fromStdString(dir.file("data.csv")), "--attention",
                                               "--out", QString::fromStdString(dir.file("m.safetensors"))} + tiny);
        if (run.exit_code != 0)
            qFatal("training the test checkpoint failed: %s", qPrintable(run.err));
        return dir.file("m.safetensors");
    }();
    return path;
}

// The folder every collision row starts from.
void make_fixture(const TempDir& dir)
{
    const std::string csv = sample_csv_head(150);
    write_text(dir.file("data.csv"), csv);
    write_text(dir.file("grid.json"), R"({"mode": "grid", "grid": {"hidden": [[4]]}})");
    fs::copy_file(trained_checkpoint(), dir.file("m.safetensors"));
    fs::create_directories(dir.file("sub"));
    fs::create_directories(dir.file("run"));
    write_text(dir.file("run/metrics.csv"), csv);          // an input where --run-dir run writes
    write_text(dir.file("t/trial-0001/data.csv"), csv);    // an input where --trials-dir t writes
    write_text(dir.file("r.trials/trial-0002/data.csv"), csv);   // ... where --out r.csv's default trials folder writes
    write_text(dir.file("r.summary.csv"), csv);             // an input where --out r.csv's summary goes
}

} // namespace

class TestCliPaths : public QObject {
    Q_OBJECT
private slots:
    // `arguments` hold "@" where `target` goes, spelled as the spelling says; the sentence names
    // `first` and `second`.
    void collisionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        const QStringList train{"train", "--data", "data.csv", "--target", "Close", "--epochs", "1"};
        const QStringList predict{"predict", "--checkpoint", "m.safetensors", "--data", "data.csv"};
        const QStringList sweep{"sweep", "--data", "data.csv", "--target", "Close", "--epochs", "1", "--jobs", "1"};
        struct Row {
            const char* name;
            QStringList arguments;
            const char* target;
            const char* first;
            const char* second;
            bool exists;   // the target exists before the command runs (symlinks and hard links need it)
        };
        const std::vector<Row> rows{
            {"train --out = --data", train + QStringList{"--out", "@"}, "data.csv", "--out", "--data", true},
            {"train --out = --run-dir's metrics.csv", train + QStringList{"--run-dir", "run", "--out", "@"}, "run/metrics.csv", "--out", "--run-dir", true},
            {"train --run-dir's metrics.csv = --data", QStringList{"train", "--data", "@", "--target", "Close", "--out", "o.safetensors", "--run-dir", "run"}, "run/metrics.csv", "--run-dir", "--data", true},
            {"train --out = --run-dir's run.json", train + QStringList{"--run-dir", "run", "--out", "@"}, "run/run.json", "--out", "--run-dir", false},
            {"predict --out = --data", predict + QStringList{"--out", "@"}, "data.csv", "--out", "--data", true},
            {"predict --out = --checkpoint", predict + QStringList{"--out", "@"}, "m.safetensors", "--out", "--checkpoint", true},
            {"predict --attention = --data", predict + QStringList{"--out", "p.csv", "--attention", "@"}, "data.csv", "--attention", "--data", true},
            {"predict --attention = --checkpoint", predict + QStringList{"--out", "p.csv", "--attention", "@"}, "m.safetensors", "--attention", "--checkpoint", true},
            {"predict --attention = --out", predict + QStringList{"--out", "p.csv", "--attention", "@"}, "p.csv", "--attention", "--out", false},
            {"sweep --out = --data", sweep + QStringList{"--out", "@"}, "data.csv", "--out", "--data", true},
            {"sweep --out = --grid", sweep + QStringList{"--grid", "grid.json", "--out", "@"}, "grid.json", "--out", "--grid", true},
            {"sweep summary = --data", QStringList{"sweep", "--data", "@", "--target", "Close", "--out", "r.csv"}, "r.summary.csv", "--out's summary file", "--data", true},
            {"sweep summary = --grid", sweep + QStringList{"--grid", "@", "--out", "r.csv"}, "r.summary.csv", "--out's summary file", "--grid", true},
            {"sweep --trials-dir holds --data", QStringList{"sweep", "--data", "@", "--target", "Close", "--out", "r2.csv", "--trials-dir", "t"}, "t/trial-0001/data.csv", "--data", "--trials-dir", true},
            {"sweep trials folder of --out holds --data", QStringList{"sweep", "--data", "@", "--target", "Close", "--out", "r.csv"}, "r.trials/trial-0002/data.csv", "--data", "--out's trials folder", true},
            {"sweep --trials-dir holds --out", sweep + QStringList{"--trials-dir", "t", "--out", "@"}, "t/trial-0001/r.csv", "--out", "--trials-dir", false},
        };
        for (const Row& row : rows)
            for (const char* spelling : {"same", "dot", "dotdot", "absolute", "symlink", "hardlink"}) {
                if (!row.exists && (std::string(spelling) == "symlink" || std::string(spelling) == "hardlink"))
                    continue;
                // A hard link elsewhere is another name: the trials folder's writes replace names in it, never
                // the file that name shares an inode with.
                if (std::string(row.second).find("trials") != std::string::npos && std::string(spelling) == "hardlink")
                    continue;
                QStringList arguments = row.arguments;
                arguments.replaceInStrings("@", QStringLiteral("@%1:%2").arg(spelling, row.target));
                QTest::addRow("%s, %s", row.name, spelling) << arguments << row.target << row.first << row.second;
            }
    }
    void collisionsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, target);
        QFETCH(QString, first);
        QFETCH(QString, second);
        TempDir dir;
        make_fixture(dir);
        for (QString& argument : arguments) {
            if (!argument.startsWith('@'))
                continue;
            const QString spelling = argument.mid(1).section(':', 0, 0);
            const std::string name = target.toStdString();
            if (spelling == "same")
                argument = target;
            else if (spelling == "dot")
                argument = "./" + target;
            else if (spelling == "dotdot")
                argument = "sub/../" + target;
            else if (spelling == "absolute")
                argument = QString::fromStdString(dir.file(name));
            else if (spelling == "symlink") {
                fs::create_symlink(fs::absolute(dir.file(name)), dir.file("alias"));
                argument = "alias";
            } else {
                fs::create_hard_link(dir.file(name), dir.file("twin"));
                argument = "twin";
            }
        }
        const auto before = snapshot(dir.path());
        const CliRun run = run_cli(arguments, QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.count('\n') == 1 && run.err.endsWith('\n'), qPrintable(run.err));
        QVERIFY2(run.err.contains(first + " ") && run.err.contains(second + " "), qPrintable(run.err));
        QVERIFY2(run.err.contains("name the same file") || run.err.contains("lies inside"), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(snapshot(dir.path()), before);
    }

    // Continuing a run in place is allowed: the checkpoint is read whole before the first save.
    void resumeIntoTheSameCheckpointIsAllowed()
    {
        TempDir dir;
        make_fixture(dir);
        const CliRun run = run_cli({"train", "--data", "data.csv", "--resume", "m.safetensors", "--out", "./m.safetensors",
                                    "--epochs", "1", "--quiet"},
                                   QString::fromStdString(dir.path()));
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY(read_file_bytes(dir.file("m.safetensors")) != read_file_bytes(trained_checkpoint()));
    }

    // Opening a FIFO for reading blocks until a writer comes: refused before it is opened.
    void fifoIsRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        QTest::newRow("inspect --data") << QStringList{"inspect", "--data", "pipe"} << "--data";
        QTest::newRow("train --data") << (QStringList{"train", "--data", "pipe", "--out", "o.safetensors"} + tiny) << "--data";
        QTest::newRow("train --resume") << QStringList{"train", "--data", "data.csv", "--resume", "pipe", "--out", "o.safetensors"} << "--resume";
        QTest::newRow("predict --checkpoint") << QStringList{"predict", "--checkpoint", "pipe", "--data", "data.csv", "--out", "p.csv"} << "--checkpoint";
        QTest::newRow("predict --data") << QStringList{"predict", "--checkpoint", "m.safetensors", "--data", "pipe", "--out", "p.csv"} << "--data";
        QTest::newRow("evaluate --checkpoint") << QStringList{"evaluate", "--checkpoint", "pipe", "--data", "data.csv"} << "--checkpoint";
        QTest::newRow("sweep --grid") << QStringList{"sweep", "--data", "data.csv", "--target", "Close", "--grid", "pipe", "--out", "r.csv"} << "--grid";
    }
    void fifoIsRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        TempDir dir;
        make_fixture(dir);
        QCOMPARE(::mkfifo(dir.file("pipe").c_str(), 0600), 0);
        const auto before = snapshot(dir.path());
        QElapsedTimer timer;
        timer.start();
        const CliRun run = run_cli(arguments, QString::fromStdString(dir.path()), 20000);
        QCOMPARE(run.exit_code, 2);   // -1: it hung (killed after 20 s)
        QVERIFY(timer.elapsed() < 15000);
        QCOMPARE(run.err, QString("lstmlab-cli %1: %2: \"pipe\" is not a regular file (a pipe, a device or a socket, as "
                                  "/dev/stdin is when fed by a pipe); save the content to a file and give that file\n")
                              .arg(arguments.first(), option));
        QCOMPARE(snapshot(dir.path()), before);
    }

    // /dev/stdin fed by a pipe is refused like any FIFO; redirected from a file it is that file, read whole
    // (the same rows and SHA-256 as the file itself).
    void devStdin()
    {
        TempDir dir;
        write_text(dir.file("data.csv"), sample_csv_head(150));
        QProcess piped;
        piped.start(QStringLiteral(LSTMLAB_CLI_PATH), {"inspect", "--data", "/dev/stdin"});
        QVERIFY(piped.waitForStarted());
        piped.closeWriteChannel();
        QVERIFY(piped.waitForFinished(20000));
        QCOMPARE(piped.exitCode(), 2);
        QVERIFY2(QString(piped.readAllStandardError()).contains("--data: \"/dev/stdin\" is not a regular file"), "refused");

        QProcess redirected;
        redirected.setStandardInputFile(QString::fromStdString(dir.file("data.csv")));
        redirected.start(QStringLiteral(LSTMLAB_CLI_PATH), {"inspect", "--data", "/dev/stdin", "--json"});
        QVERIFY(redirected.waitForFinished(20000));
        QCOMPARE(redirected.exitCode(), 0);
        const CliRun direct = run_cli({"inspect", "--data", QString::fromStdString(dir.file("data.csv")), "--json"});
        QCOMPARE(direct.exit_code, 0);
        QString fromStdin = QString::fromUtf8(redirected.readAllStandardOutput());
        fromStdin.replace("/dev/stdin", QString::fromStdString(dir.file("data.csv")));
        QCOMPARE(fromStdin, direct.out);
        QVERIFY(direct.out.contains("\"rows\": 150"));
    }

    // Exit 0 only when every trial finished; one trial that cannot run (a window longer than the data)
    // makes it 1, with the count and the first reason.
    void sweepExitStatusTellsTheTruth_data()
    {
        QTest::addColumn<QString>("grid");
        QTest::addColumn<int>("exit_code");
        QTest::addColumn<QString>("message");
        QTest::newRow("all finish") << R"({"mode": "grid", "grid": {"seq-len": [5, 6]}})" << 0 << "";
        QTest::newRow("one fails") << R"({"mode": "grid", "grid": {"seq-len": [5, 400]}})" << 1
                                   << "lstmlab-cli sweep: 1 of 2 trials did not finish (1 failed); the first, trial 2 (seq-len 400), "
                                      "failed: data.csv: 150 rows are too few for one window of sequence length 400 and horizon 1 "
                                      "(it needs 401 rows).\n";
        QTest::newRow("all fail") << R"({"mode": "grid", "grid": {"seq-len": [300, 400]}})" << 1
                                  << "lstmlab-cli sweep: 2 of 2 trials did not finish (2 failed); the first, trial 1 (seq-len 300), "
                                     "failed: data.csv: 150 rows are too few for one window of sequence length 300 and horizon 1 "
                                     "(it needs 301 rows).\n";
    }
    void sweepExitStatusTellsTheTruth()
    {
        QFETCH(QString, grid);
        QFETCH(int, exit_code);
        QFETCH(QString, message);
        TempDir dir;
        write_text(dir.file("data.csv"), sample_csv_head(150));
        write_text(dir.file("grid.json"), grid.toStdString());
        const CliRun run = run_cli({"sweep", "--data", "data.csv", "--target", "Close", "--grid", "grid.json", "--hidden", "4",
                                    "--epochs", "1", "--jobs", "1", "--quiet", "--out", "r.csv"},
                                   QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, exit_code);
        QVERIFY2(message.isEmpty() ? !run.err.contains("did not finish") : run.err.endsWith(message), qPrintable(run.err));
        QVERIFY(fs::exists(dir.file("r.summary.csv")));   // written either way
        QCOMPARE(QString::fromStdString(read_file_bytes(dir.file("r.csv"))).count('\n'), 3);   // header + one row per trial
    }

    // The trials folder that cannot be created is named by its own option, before any work.
    void trialsFolderIsLabelledAsSuch()
    {
        TempDir dir;
        write_text(dir.file("data.csv"), sample_csv_head(150));
        write_text(dir.file("plain.txt"), "a file");
        const CliRun run = run_cli({"sweep", "--data", "data.csv", "--target", "Close", "--out", "r.csv", "--trials-dir",
                                    "plain.txt/t"},
                                   QString::fromStdString(dir.path()));
        QCOMPARE(run.exit_code, 2);
        QCOMPARE(run.err, QString("lstmlab-cli sweep: --trials-dir: directory \"plain.txt\" does not exist\n"));
    }

    // Every alternative `help train` lists for a choice option is one the engine accepts, and no more:
    // a wrong value's message lists the accepted ones.
    void helpListsEveryAcceptedChoice_data()
    {
        QTest::addColumn<QString>("option");
        for (const char* option : {"target-transform", "feature-transform", "scaler", "loss", "cell"})
            QTest::newRow(option) << option;
    }
    void helpListsEveryAcceptedChoice()
    {
        QFETCH(QString, option);
        const CliRun help = run_cli({"help", "train"});
        QCOMPARE(help.exit_code, 0);
        const QRegularExpression line("--" + QRegularExpression::escape(option) + " ([a-z|]+) ");
        const auto listed = line.match(help.out);
        QVERIFY2(listed.hasMatch(), qPrintable(help.out));
        QStringList shown = listed.captured(1).split('|');
        TempDir dir;
        write_text(dir.file("data.csv"), sample_csv_head(150));
        const CliRun wrong = run_cli({"train", "--data", "data.csv", "--target", "Close", "--out", "o.safetensors", "--" + option,
                                      "bogus"},
                                     QString::fromStdString(dir.path()));
        QCOMPARE(wrong.exit_code, 2);
        const auto accepted = QRegularExpression("is not one of (.*)\n").match(wrong.err);
        QVERIFY2(accepted.hasMatch(), qPrintable(wrong.err));
        QStringList engine = accepted.captured(1).replace(" or ", ", ").split(", ");
        shown.sort();
        engine.sort();
        QCOMPARE(shown, engine);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliPaths)

}  // namespace tst_cli_paths
#include "tst_cli_paths.moc"
