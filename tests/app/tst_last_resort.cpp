// The last resort of lstmlab-cli (app/cli/last_resort.h): an exception escaping a worker thread ends
// the process with exit 1 and one sentence, where without it the C++ runtime prints its own text and
// aborts (SIGABRT, exit 134 in a shell). Run in a forked child whose stderr goes to a file.
#include "app/cli/last_resort.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tst_last_resort {

namespace {

struct Ending {
    int exit_code = -1;
    int signal = 0;
    std::string err;
};

Ending throw_on_a_thread(bool installed, const std::string& err_path)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, 2);
        if (installed)
            lstmlab::cli::install_last_resort();
        std::thread([] { throw std::runtime_error("boom\nsecond line"); }).join();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    Ending ending;
    if (WIFEXITED(status))
        ending.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        ending.signal = WTERMSIG(status);
    std::ifstream in(err_path);
    std::stringstream text;
    text << in.rdbuf();
    ending.err = text.str();
    return ending;
}

} // namespace

class TestLastResort : public QObject {
    Q_OBJECT
private slots:
    void uncaughtExceptionOnAThreadIsOneSentenceAndExit1()
    {
        lstmlab::test::TempDir dir;
        const Ending ending = throw_on_a_thread(true, dir.file("err.txt"));
        QCOMPARE(ending.signal, 0);
        QCOMPARE(ending.exit_code, 1);
        QCOMPARE(QString::fromStdString(ending.err),
                 QString("lstmlab-cli: internal error: boom\\nsecond line; nothing more was done (please report this)\n"));
    }

    // The control: without the handler the same child aborts with the runtime's own text.
    void withoutItTheRuntimeAborts()
    {
        lstmlab::test::TempDir dir;
        const Ending ending = throw_on_a_thread(false, dir.file("err.txt"));
        QCOMPARE(ending.signal, SIGABRT);
        QVERIFY(QString::fromStdString(ending.err).contains("terminate called"));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestLastResort)

}  // namespace tst_last_resort
#include "tst_last_resort.moc"
