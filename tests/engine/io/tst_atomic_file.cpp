// Atomic saves under faults (docs/reliability.md R3): the target always holds the complete old or the
// complete new file, failures say why in one sentence, and no temporary file is left behind.
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/io/atomic_file.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tst_atomic_file {

namespace fs = std::filesystem;

namespace {

template <typename Action>
std::string error_of(Action action)
{
    try {
        action();
    } catch (const lstmlab::Error& error) {
        return error.what();
    }
    return "(no error)";
}

std::string read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_plain(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Temporary files of writes to `target` now present in its directory.
int temp_files_of(const std::string& target)
{
    int count = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(target).parent_path()))
        if (lstmlab::is_atomic_temp_name(target, entry.path().filename().string()))
            ++count;
    return count;
}

// Every entry of a directory: to show that nothing but the expected files exists.
std::vector<std::string> listing(const std::string& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Large, distinguishable contents: a kill can land in the middle of writing one.
std::string variant(char tag, std::size_t bytes)
{
    std::string text = std::string("variant ") + tag + "\n";
    text.resize(bytes, tag);
    return text;
}

void set_mtime(const std::string& path, time_t seconds_from_now)
{
    struct timespec times[2];
    ::clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec += seconds_from_now;
    times[1] = times[0];
    ::utimensat(AT_FDCWD, path.c_str(), times, 0);
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void createsAndReplaces()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.bin");
        lstmlab::write_file_atomic(path, std::string_view("first"));
        QCOMPARE(read_text(path), std::string("first"));
        ::chmod(path.c_str(), 0640);
        // Chunks, and a producer that writes more than the 64 KiB buffer in pieces.
        const std::string big = variant('B', 200000);
        lstmlab::write_file_atomic(path, [&](lstmlab::AtomicFileWriter& writer) {
            for (std::size_t k = 0; k < big.size(); k += 1000)
                writer.write(std::string_view(big).substr(k, 1000));
        });
        QCOMPARE(read_text(path), big);
        struct stat info {};
        ::stat(path.c_str(), &info);
        QCOMPARE(info.st_mode & 07777, mode_t{0640});   // the old file's permissions are kept
        const std::string a = "abc";
        const std::string b(100000, 'z');
        const std::span<const std::byte> chunks[] = {std::as_bytes(std::span(a)), std::as_bytes(std::span(b))};
        lstmlab::write_file_atomic(path, chunks);
        QCOMPARE(read_text(path), a + b);
        QCOMPARE(listing(dir.path()), std::vector<std::string>{"m.bin"});
    }

    void producerFailureKeepsOldFile()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.bin");
        write_plain(path, "old");
        QCOMPARE(error_of([&] {
                     lstmlab::write_file_atomic(path, [](lstmlab::AtomicFileWriter& writer) {
                         writer.write(std::string(100000, 'x'));
                         throw lstmlab::Error("tensor \"w\" is not finite");
                     });
                 }),
                 std::string("tensor \"w\" is not finite"));   // the caller's own message, unchanged
        QVERIFY_THROWS_EXCEPTION(std::bad_alloc, lstmlab::write_file_atomic(path, [](lstmlab::AtomicFileWriter&) {
            throw std::bad_alloc();
        }));
        QCOMPARE(read_text(path), std::string("old"));
        QCOMPARE(listing(dir.path()), std::vector<std::string>{"m.bin"});
    }

    // A child limited to 64 KiB files (RLIMIT_FSIZE, SIGXFSZ ignored so write() fails with EFBIG
    // instead of killing it) tries to replace a good file with 1 MiB: the write crossing the limit
    // is short, the next fails, the old file survives and the temporary file is gone.
    void fileSizeLimitHitMidWrite()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.safetensors");
        write_plain(path, "the good old file");
        int pipe_fds[2];
        QCOMPARE(::pipe(pipe_fds), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(pipe_fds[0]);
            const struct rlimit limit{64 * 1024, 64 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN);
            const std::string message = error_of([&] { lstmlab::write_file_atomic(path, std::string(1 << 20, 'n')); });
            (void)!::write(pipe_fds[1], message.data(), message.size());
            ::_exit(0);
        }
        ::close(pipe_fds[1]);
        std::string message;
        char buffer[512];
        ssize_t got = 0;
        while ((got = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0)
            message.append(buffer, static_cast<std::size_t>(got));
        ::close(pipe_fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QCOMPARE(message, path + ": saving failed while writing (File too large); the previous file is unchanged");
        QCOMPARE(read_text(path), std::string("the good old file"));
        QCOMPARE(listing(dir.path()), std::vector<std::string>{"m.safetensors"});
    }

    // Root ignores directory permissions, so this runs only for other users; the next test
    // covers the same failure (no temporary file can be created) in a way root cannot bypass.
    void readOnlyDirectory()
    {
        if (::geteuid() == 0)
            QSKIP("running as root, which can write into a read-only directory; see parentIsARegularFile");
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.bin");
        write_plain(path, "old");
        ::chmod(dir.path().c_str(), 0555);
        const std::string message = error_of([&] { lstmlab::write_file_atomic(path, std::string_view("new")); });
        ::chmod(dir.path().c_str(), 0755);
        QCOMPARE(message, path + ": saving failed while creating a temporary file in " + dir.path() +
                              " (Permission denied); the previous file is unchanged");
        QCOMPARE(read_text(path), std::string("old"));
        QCOMPARE(listing(dir.path()), std::vector<std::string>{"m.bin"});
    }

    void parentIsARegularFile()
    {
        lstmlab::test::TempDir dir;
        write_plain(dir.file("plain.txt"), "not a directory");
        const std::string path = dir.file("plain.txt") + "/m.bin";
        QCOMPARE(error_of([&] { lstmlab::write_file_atomic(path, std::string_view("new")); }),
                 path + ": saving failed while creating a temporary file in " + dir.file("plain.txt") +
                     " (Not a directory); no file was written");
        QCOMPARE(read_text(dir.file("plain.txt")), std::string("not a directory"));
        QCOMPARE(listing(dir.path()), std::vector<std::string>{"plain.txt"});
    }

    void targetIsADirectory()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.safetensors");
        fs::create_directory(path);
        QCOMPARE(error_of([&] { lstmlab::write_file_atomic(path, std::string_view("new")); }),
                 path + ": cannot save: it is a directory");
        QVERIFY(fs::is_directory(path));
        QCOMPARE(listing(dir.path()), std::vector<std::string>{"m.safetensors"});
    }

    // A child saving in a loop is SIGKILLed at 40 random moments. After each kill the target is
    // one complete version, and the temporary files are at most the one being written when the
    // child died plus those of earlier children that never completed a save (a completed save
    // removes the older stale ones). A last save in this process leaves none.
    // Timing follows the machine, which may be loaded: odd rounds kill at a random time after the
    // fork (up to three measured save durations, so often before the first save completes); even
    // rounds wait until the child reports a completed save, then kill within one save duration.
    void sigkillAtRandomMoments()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.safetensors");
        constexpr std::size_t bytes = 4 << 20;
        const std::string versions[] = {variant('A', bytes), variant('B', bytes), variant('C', bytes)};
        const auto started = std::chrono::steady_clock::now();
        lstmlab::write_file_atomic(path, versions[0]);
        const auto save_us = std::max<std::int64_t>(
            1000, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
        lstmlab::Rng rng(31337);
        int allowed = 0;           // stale temporary files that may exist after this kill
        int kills_mid_write = 0;   // kills that left a temporary file: the test hit the window
        int completed_saves = 0;
        for (int round = 0; round < 40; ++round) {
            int progress[2];
            QCOMPARE(::pipe(progress), 0);
            const pid_t child = ::fork();
            if (child == 0) {
                ::close(progress[0]);
                for (int k = round;; ++k) {
                    if (error_of([&] { lstmlab::write_file_atomic(path, versions[k % 3]); }) != "(no error)")
                        ::_exit(3);
                    (void)!::write(progress[1], "s", 1);
                }
            }
            ::close(progress[1]);
            int saves = 0;
            if (round % 2 == 0) {
                struct pollfd ready{progress[0], POLLIN, 0};
                QVERIFY2(::poll(&ready, 1, 60000) == 1, "the child completed no save within 60 s");
                char first = 0;
                saves += static_cast<int>(::read(progress[0], &first, 1));
                ::usleep(static_cast<useconds_t>(rng.below(static_cast<std::uint64_t>(save_us))));
            } else {
                ::usleep(static_cast<useconds_t>(rng.below(static_cast<std::uint64_t>(3 * save_us))));
            }
            ::kill(child, SIGKILL);
            int status = 0;
            ::waitpid(child, &status, 0);
            QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
            char buffer[256];
            ssize_t got = 0;
            while ((got = ::read(progress[0], buffer, sizeof buffer)) > 0)
                saves += static_cast<int>(got);
            ::close(progress[0]);
            completed_saves += saves;

            const std::string content = read_text(path);
            QVERIFY2(content == versions[0] || content == versions[1] || content == versions[2],
                     qPrintable(QString("round %1: the target is not one complete version (%2 bytes)")
                                    .arg(round)
                                    .arg(content.size())));
            allowed = saves > 0 ? 1 : allowed + 1;
            const int temps = temp_files_of(path);
            QVERIFY2(temps <= allowed, qPrintable(QString("round %1: %2 temporary files").arg(round).arg(temps)));
            kills_mid_write += temps > 0 ? 1 : 0;
        }
        qInfo("one save took %lld us; %d completed saves, %d of 40 kills left a temporary file",
              static_cast<long long>(save_us), completed_saves, kills_mid_write);
        QVERIFY(kills_mid_write > 0);
        QVERIFY(completed_saves > 0);
        lstmlab::write_file_atomic(path, std::string_view("final"));
        QCOMPARE(read_text(path), std::string("final"));
        QCOMPARE(listing(dir.path()), std::vector<std::string>{"m.safetensors"});
    }

    // The policy for stale temporary files: a successful save removes the temporary files of the
    // same target that are older than it and not locked by a live writer, and nothing else.
    void staleTempFilesAreRemovedByTheNextSave()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.bin");
        const std::string stale = dir.file(".m.bin.0123456789abcdef.lstmlab-tmp");
        const std::string locked = dir.file(".m.bin.fedcba9876543210.lstmlab-tmp");
        const std::string newer = dir.file(".m.bin.00000000000000aa.lstmlab-tmp");
        const std::string other_target = dir.file(".other.bin.0123456789abcdef.lstmlab-tmp");
        const std::string not_ours = dir.file(".m.bin.not-hex-digits!.lstmlab-tmp");
        for (const auto& file : {stale, locked, newer, other_target, not_ours})
            write_plain(file, "partial");
        for (const auto& file : {stale, locked, other_target, not_ours})
            set_mtime(file, -3600);
        set_mtime(newer, 3600);   // modified after the save began: may belong to a live writer
        QVERIFY(lstmlab::is_atomic_temp_name(path, ".m.bin.0123456789abcdef.lstmlab-tmp"));
        QVERIFY(!lstmlab::is_atomic_temp_name(path, ".other.bin.0123456789abcdef.lstmlab-tmp"));
        QVERIFY(!lstmlab::is_atomic_temp_name(path, ".m.bin.not-hex-digits!.lstmlab-tmp"));
        const int lock_fd = ::open(locked.c_str(), O_RDONLY | O_CLOEXEC);   // a live writer's lock
        QVERIFY(lock_fd >= 0);
        QCOMPARE(::flock(lock_fd, LOCK_EX | LOCK_NB), 0);

        lstmlab::write_file_atomic(path, std::string_view("saved"));
        ::close(lock_fd);
        QCOMPARE(read_text(path), std::string("saved"));
        QVERIFY(!fs::exists(stale));
        QVERIFY(fs::exists(locked));
        QVERIFY(fs::exists(newer));
        QVERIFY(fs::exists(other_target));
        QVERIFY(fs::exists(not_ours));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestAtomicFile)

}  // namespace tst_atomic_file
#include "tst_atomic_file.moc"
