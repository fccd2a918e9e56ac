// lstmlab-cli against full disks and read-only targets (R3, R11): every failure is one sentence on
// stderr with exit 1 (or 2 for a usage error caught before any work), the previous checkpoint is
// unchanged, a run folder still reopens, and no temporary file is left behind.
//   - disk full in the middle of a run: a tmpfs sized so the first checkpoint fits and the second
//     cannot (mounting needs root with CAP_SYS_ADMIN; skipped with a message otherwise);
//   - disk full while metrics.csv grows: a torn last row, then a resume after space is freed repairs it;
//   - a file-size limit (RLIMIT_FSIZE) below the checkpoint's size, with an old checkpoint in place;
//   - a read-only file system (a tmpfs remounted read-only: even root gets EROFS);
//   - a directory the user may not write: run as `nobody` when the tests run as root (train, predict
//     and sweep: its trials folder and its results);
//   - output paths whose parent is a regular file.
#include "child_process.h"
#include "fault_fixtures.h"

#include "engine/io/run_folder.h"
#include "test_main.h"

#include <QtTest>

#include <pwd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace tst_disk_faults {

using namespace lstmlab;
using namespace lstmlab::test;
using namespace std::chrono_literals;

namespace {

// A small, fast run: every save is the same size (no best.* tensors while validation improves is not
// guaranteed, so tests never rely on a size other than the first save's).
const std::vector<std::string> tiny{"--target", "Close", "--hidden", "8", "--seq-len", "5", "--batch-size", "32",
                                    "--patience", "0", "--quiet"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// A tmpfs mounted at `path` for the lifetime of the object; mounted() is false (with the reason) when
// the kernel refuses (not root, no CAP_SYS_ADMIN, a container without mount rights).
class Tmpfs {
public:
    Tmpfs(const std::string& path, std::size_t bytes) : m_path(path)
    {
        std::filesystem::create_directories(path);
        const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
        if (::mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) == 0)
            m_mounted = true;
        else
            m_reason = std::strerror(errno);
    }
    ~Tmpfs()
    {
        if (m_mounted)
            ::umount2(m_path.c_str(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }
    const std::string& reason() const { return m_reason; }
    bool remount_read_only()
    {
        return ::mount("tmpfs", m_path.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }
    std::uint64_t free_blocks() const
    {
        struct statvfs info {};
        ::statvfs(m_path.c_str(), &info);
        return info.f_bavail;
    }

private:
    std::string m_path;
    bool m_mounted = false;
    std::string m_reason;
};

#define SKIP_UNLESS_MOUNTED(fs)                                                                            \
    if (!(fs).mounted())                                                                                   \
        QSKIP(qPrintable(QString("cannot mount a tmpfs (%1); this needs root with CAP_SYS_ADMIN")          \
                             .arg(QString::fromStdString((fs).reason()))));

struct Result {
    ChildEnd end;
    std::string err;
};

} // namespace

class TestDiskFaults : public QObject {
    Q_OBJECT

    std::string m_cli = LSTMLAB_CLI_PATH;

    Result run(const std::string& cwd, const std::vector<std::string>& args, const ChildOptions& extra = {})
    {
        ChildOptions options = extra;
        options.working_dir = cwd;
        ChildProcess child(m_cli, args, options);
        const auto end = child.wait(300s);
        return {end.value_or(ChildEnd{}), child.err()};
    }

    // A checkpoint of `tiny` trained for `epochs` in `cwd` (returns its size).
    std::size_t train_reference(const std::string& cwd, const std::string& out, int epochs)
    {
        const Result r = run(cwd, std::vector<std::string>{"train", "--data", "data.csv", "--epochs", std::to_string(epochs),
                                                           "--out", out} + tiny);
        if (!r.end.exited || r.end.code != 0)
            qFatal("the reference run failed: %s", r.err.c_str());
        return std::filesystem::file_size(cwd + "/" + out);
    }

private slots:
    void diskFullAtTheSecondSave()
    {
        TempDir dir;
        write_sample_head(dir.file("data.csv"), 150);
        const std::size_t size = train_reference(dir.path(), "probe.safetensors", 1);
        const std::size_t page = 4096;
        const std::size_t capacity = (size + size / 2 + page - 1) / page * page;   // one checkpoint fits, two do not
        Tmpfs disk(dir.file("disk"), capacity);
        SKIP_UNLESS_MOUNTED(disk);
        const Result r = run(dir.path(), std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "3", "--out",
                                                                  "disk/m.safetensors"} + tiny);
        QCOMPARE(r.end.describe(), std::string("exit 1"));
        QCOMPARE(QString::fromStdString(r.err),
                 QString("lstmlab-cli train: disk/m.safetensors: saving failed while writing (No space left on device); the previous file is unchanged\n"));
        const Checkpoint saved = load_checkpoint(dir.file("disk/m.safetensors"));
        QCOMPARE(saved.training->state.completed_epochs, 1);
        QCOMPARE(listing(dir.file("disk")), std::vector<std::string>{"m.safetensors"});
    }

    // The run folder on a disk with three free pages: metrics.csv, run.json and run.json's temporary
    // file while it is replaced fit until metrics.csv grows into a second page (about epoch 50); then
    // the next run.json update (or the append, if it came first) fails. The run folder reopens with
    // rows that agree with the checkpoint (saved first, so never behind), no temporary file is left,
    // and after space is freed a resume rewrites metrics.csv from the checkpoint.
    void diskFullWhileTheRunFolderGrows()
    {
        TempDir dir;
        write_sample_head(dir.file("data.csv"), 80);
        Tmpfs disk(dir.file("disk"), 64 * 4096);
        SKIP_UNLESS_MOUNTED(disk);
        {
            std::ofstream filler(dir.file("disk/filler"), std::ios::binary);
            const std::string block(4096, 'f');
            for (std::uint64_t k = disk.free_blocks(); k > 3; --k)
                filler << block;
        }
        QCOMPARE(disk.free_blocks(), std::uint64_t(3));
        const Result r = run(dir.path(), std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "100", "--out",
                                                                  "m.safetensors", "--run-dir", "disk/run"} + tiny);
        QCOMPARE(r.end.describe(), std::string("exit 1"));
        QVERIFY2(QString::fromStdString(r.err).contains(QRegularExpression(
                     "^lstmlab-cli train: (disk/run/run.json: saving failed while writing \\(No space left on device\\); "
                     "the previous file is unchanged|disk/run/metrics.csv: writing the epoch's metrics failed \\(No space "
                     "left on device\\))\n$")),
                 r.err.c_str());
        const RunRecord broken = RunFolder::read(dir.file("disk/run"));
        const Checkpoint saved = load_checkpoint(dir.file("m.safetensors"));
        QVERIFY(broken.epochs.size() > 10);
        QVERIFY(saved.training->state.history.size() >= broken.epochs.size());   // saved before its row
        for (std::size_t k = 0; k < broken.epochs.size(); ++k)
            QVERIFY(same_losses(broken.epochs[k], saved.training->state.history[k]));
        QVERIFY(temp_files(dir.file("disk/run")).empty());
        qInfo("%zu complete rows; torn row: %s", broken.epochs.size(), broken.torn_row.empty() ? "none" : broken.torn_row.c_str());

        std::filesystem::remove(dir.file("disk/filler"));
        const Result resumed = run(dir.path(), {"train", "--data", "data.csv", "--resume", "m.safetensors", "--epochs", "1",
                                                "--out", "m.safetensors", "--run-dir", "disk/run", "--quiet"});
        QVERIFY2(resumed.end.exited && resumed.end.code == 0, resumed.err.c_str());
        const RunRecord repaired = RunFolder::read(dir.file("disk/run"));
        QVERIFY(repaired.torn_row.empty());
        QCOMPARE(repaired.epochs.size(), saved.training->state.history.size() + 1);
        QCOMPARE(listing(dir.file("disk/run")), (std::vector<std::string>{"metrics.csv", "run.json"}));
    }

    void fileSizeLimitBelowTheCheckpoint()
    {
        TempDir dir;
        write_sample_head(dir.file("data.csv"), 150);
        const std::size_t size = train_reference(dir.path(), "m.safetensors", 1);
        const std::string old = read_bytes(dir.file("m.safetensors"));
        ChildOptions limited;
        limited.file_size_limit = long(size / 2);
        const Result r = run(dir.path(), std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "2", "--seed",
                                                                  "7", "--out", "m.safetensors"} + tiny, limited);
        QCOMPARE(r.end.describe(), std::string("exit 1"));
        QCOMPARE(QString::fromStdString(r.err),
                 QString("lstmlab-cli train: m.safetensors: saving failed while writing (File too large); the previous file is unchanged\n"));
        QVERIFY(read_bytes(dir.file("m.safetensors")) == old);
        QCOMPARE(listing(dir.path()), (std::vector<std::string>{"data.csv", "m.safetensors"}));
    }

    // Root bypasses permissions but not a read-only mount.
    void readOnlyFileSystem()
    {
        TempDir dir;
        write_sample_head(dir.file("data.csv"), 150);
        Tmpfs disk(dir.file("ro"), 1 << 20);
        SKIP_UNLESS_MOUNTED(disk);
        train_reference(dir.path(), "ro/m.safetensors", 1);
        const std::string old = read_bytes(dir.file("ro/m.safetensors"));
        QVERIFY(disk.remount_read_only());
        const Result r = run(dir.path(), std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "1", "--out",
                                                                  "ro/m.safetensors"} + tiny);
        QCOMPARE(r.end.describe(), std::string("exit 1"));
        QCOMPARE(QString::fromStdString(r.err),
                 QString("lstmlab-cli train: ro/m.safetensors: saving failed while creating a temporary file in ro (Read-only file system); "
                         "the previous file is unchanged\n"));
        QVERIFY(read_bytes(dir.file("ro/m.safetensors")) == old);
        QCOMPARE(listing(dir.file("ro")), std::vector<std::string>{"m.safetensors"});
    }

    // The sweep's trials folder on a read-only file system: one sentence, exit 1, nothing written.
    void sweepOnAReadOnlyFileSystem()
    {
        TempDir dir;
        write_sample_head(dir.file("data.csv"), 150);
        Tmpfs disk(dir.file("ro"), 1 << 20);
        SKIP_UNLESS_MOUNTED(disk);
        QVERIFY(disk.remount_read_only());
        const Result r = run(dir.path(), std::vector<std::string>{"sweep", "--data", "data.csv", "--target", "Close",
                                                                  "--jobs", "1", "--quiet", "--out", "r.csv", "--trials-dir", "ro/t"});
        QCOMPARE(r.end.describe(), std::string("exit 1"));
        QVERIFY2(QString::fromStdString(r.err).endsWith("lstmlab-cli sweep: ro/t: cannot create the trials folder (Read-only file system)\n"),
                 r.err.c_str());
        QVERIFY(listing(dir.file("ro")).empty());
        QCOMPARE(listing(dir.path()), (std::vector<std::string>{"data.csv", "ro"}));
    }

    // A directory the user may not write (mode 0555; the child runs as `nobody` when we are root).
    void unwritableDirectory_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        QTest::newRow("train --out") << "train" << "lstmlab-cli train: locked/m.safetensors: saving failed while creating a temporary file in locked (Permission denied); no file was written\n";
        QTest::newRow("train --run-dir") << "run-dir" << "lstmlab-cli train: locked/run: cannot create the run folder (Permission denied)\n";
        QTest::newRow("predict --out") << "predict" << "lstmlab-cli predict: locked/p.csv: saving failed while creating a temporary file in locked (Permission denied); no file was written\n";
        // Before: "terminate called after throwing an instance of std::filesystem::filesystem_error", exit 134.
        QTest::newRow("sweep --trials-dir") << "sweep-trials" << "lstmlab-cli sweep: locked/t: cannot create the trials folder (Permission denied)\n";
        QTest::newRow("sweep --out") << "sweep-out" << "lstmlab-cli sweep: locked/r.trials: cannot create the trials folder (Permission denied)\n";
    }
    void unwritableDirectory()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        ChildOptions as_user;
        if (::geteuid() == 0) {
            const passwd* nobody = ::getpwnam("nobody");
            if (!nobody)
                QSKIP("running as root and there is no user \"nobody\" to run the CLI as");
            as_user.uid = nobody->pw_uid;
            as_user.gid = nobody->pw_gid;
        }
        TempDir dir;
        ::chmod(dir.path().c_str(), 0777);   // the child may write here, not in locked/
        write_sample_head(dir.file("data.csv"), 150);
        train_reference(dir.path(), "m.safetensors", 1);
        std::filesystem::create_directory(dir.file("locked"));
        ::chmod(dir.file("locked").c_str(), 0555);
        std::vector<std::string> args;
        if (command == "train")
            args = std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "1", "--out", "locked/m.safetensors"} + tiny;
        else if (command == "run-dir")
            args = std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "1", "--out", "m2.safetensors",
                                            "--run-dir", "locked/run"} + tiny;
        else if (command == "sweep-trials")
            args = {"sweep", "--data", "data.csv", "--target", "Close", "--jobs", "1", "--quiet", "--out", "r.csv",
                    "--trials-dir", "locked/t"};
        else if (command == "sweep-out")
            args = {"sweep", "--data", "data.csv", "--target", "Close", "--jobs", "1", "--quiet", "--out", "locked/r.csv"};
        else
            args = {"predict", "--checkpoint", "m.safetensors", "--data", "data.csv", "--out", "locked/p.csv"};
        const Result r = run(dir.path(), args, as_user);
        QCOMPARE(r.end.describe(), std::string("exit 1"));
        if (command.startsWith("sweep"))   // after the plan's line ("1 trials (...) on 1 jobs")
            QVERIFY2(QString::fromStdString(r.err).endsWith(expected) &&
                         QString::fromStdString(r.err).count('\n') == 2,
                     r.err.c_str());
        else
            QCOMPARE(QString::fromStdString(r.err), expected);
        QVERIFY(listing(dir.file("locked")).empty());
        QVERIFY(!exists(dir.file("m2.safetensors")));
        ::chmod(dir.file("locked").c_str(), 0755);
    }

    // Caught before any work (exit 2, nothing created), as every usage error is (R14).
    void parentIsARegularFile_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--out") << QStringList{"--out", "plain.txt/m.safetensors"}
                               << "--out: directory \"plain.txt\" does not exist";
        QTest::newRow("--run-dir") << QStringList{"--out", "m.safetensors", "--run-dir", "plain.txt/run"}
                                   << "--run-dir: directory \"plain.txt\" does not exist";
        QTest::newRow("--run-dir is a file") << QStringList{"--out", "m.safetensors", "--run-dir", "plain.txt"}
                                             << "--run-dir: \"plain.txt\" exists and is not a directory";
    }
    void parentIsARegularFile()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        TempDir dir;
        write_sample_head(dir.file("data.csv"), 150);
        std::ofstream(dir.file("plain.txt")) << "not a directory";
        std::vector<std::string> args{"train", "--data", "data.csv", "--epochs", "1"};
        for (const QString& a : arguments)
            args.push_back(a.toStdString());
        const Result r = run(dir.path(), args + tiny);
        QCOMPARE(r.end.describe(), std::string("exit 2"));
        QVERIFY2(QString::fromStdString(r.err).contains(expected), r.err.c_str());
        QCOMPARE(listing(dir.path()), (std::vector<std::string>{"data.csv", "plain.txt"}));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestDiskFaults)

}  // namespace tst_disk_faults
#include "tst_disk_faults.moc"
