// BackgroundJob: tasks run off the GUI thread, in order, at a lower priority; what they post and
// their `done` arrive on the GUI thread; cancel reaches a running task; destroying a running job
// cancels and joins it, drops its undelivered results and keeps nothing alive.
#include "ui/common/background_job.h"
#include "test_main.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tst_background_job {

using namespace lstmlab::ui;

namespace {

int currentNice()
{
    return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
}

// Spins until `flag` is set, for at most 20 s (a broken cancel fails the test instead of hanging it).
void spinUntil(const std::atomic<bool>& flag)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!flag.load() && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace

class TestBackgroundJob : public QObject {
    Q_OBJECT
private slots:
    void deliversOnTheGuiThreadInOrder()
    {
        BackgroundJob job(QStringLiteral("test"));
        QThread* gui = QThread::currentThread();
        std::vector<QString> events;   // GUI thread only
        std::atomic<bool> offGui{true};
        std::atomic<int> nice{-100};
        const int guiNice = currentNice();
        for (int k = 0; k < 3; ++k)
            job.run(
                [&, k] {
                    offGui = offGui && QThread::currentThread() != gui;
                    nice = currentNice();
                    job.post([&, k] {
                        QCOMPARE(QThread::currentThread(), gui);
                        events.push_back(QStringLiteral("post %1").arg(k));
                    });
                },
                [&, k] {
                    QCOMPARE(QThread::currentThread(), gui);
                    events.push_back(QStringLiteral("done %1").arg(k));
                });
        QVERIFY(job.isRunning());
        QVERIFY(QTest::qWaitFor([&] { return events.size() == 6; }, 20000));
        QVERIFY(offGui);
        QCOMPARE(events, (std::vector<QString>{"post 0", "done 0", "post 1", "done 1", "post 2", "done 2"}));
        QCOMPARE(nice.load(), std::min(19, guiNice + BackgroundJob::niceness));
        QVERIFY(!job.isRunning());   // joined before the last `done`
    }

    void aKeptThreadServesEveryRequestUntilWait()
    {
        BackgroundJob job(QStringLiteral("test"), BackgroundJob::Lifetime::Kept);
        std::atomic<int> threads{0};
        std::thread::id first;
        int done = 0;
        for (int k = 0; k < 3; ++k) {
            job.run([&] {
                if (first == std::thread::id())
                    first = std::this_thread::get_id();
                threads += first == std::this_thread::get_id() ? 0 : 1;
            }, [&] { ++done; });
            QVERIFY(QTest::qWaitFor([&] { return done == k + 1; }, 20000));
            QVERIFY(job.isRunning());   // kept between requests
        }
        QCOMPARE(threads.load(), 0);    // one thread served all three
        job.wait();
        QVERIFY(!job.isRunning());
    }

    void cancelReachesTheRunningTask()
    {
        BackgroundJob job(QStringLiteral("test"));
        std::atomic<bool> started{false};
        bool done = false;
        job.run([&] { started = true; spinUntil(job.cancelFlag()); }, [&] { done = true; });
        QVERIFY(QTest::qWaitFor([&] { return started.load(); }, 20000));
        QElapsedTimer clock;
        clock.start();
        job.cancel();
        QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(job.isCancelled());
        QVERIFY(!job.isRunning());
        // A new task is a fresh job: the flag is cleared.
        bool second = false;
        job.run([] {}, [&] { second = true; });
        QVERIFY(!job.isCancelled());
        QVERIFY(QTest::qWaitFor([&] { return second; }, 20000));
    }

    void destroyingARunningJobCancelsAndJoins()
    {
        auto held = std::make_shared<int>(7);
        std::weak_ptr<int> watch = held;
        std::atomic<bool> started{false};
        std::atomic<bool> returned{false};
        bool done = false;
        {
            BackgroundJob job(QStringLiteral("test"));
            job.run(
                [&, held] {
                    started = true;
                    spinUntil(job.cancelFlag());
                    returned = true;
                },
                [&] { done = true; });
            held.reset();
            QVERIFY(QTest::qWaitFor([&] { return started.load(); }, 20000));
        }   // the destructor cancels, joins and drops the `done`
        QVERIFY(returned);
        QVERIFY(watch.expired());   // the task and its captures are gone
        QCoreApplication::processEvents();
        QVERIFY(!done);
    }
};

LSTMLAB_TEST_MAIN(TestBackgroundJob)

} // namespace tst_background_job
#include "tst_background_job.moc"
