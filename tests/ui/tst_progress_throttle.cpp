// ProgressThrottle (ui/common/progress_throttle.h): the first report goes out, later ones at most one
// per interval, a forced one (an epoch's end) always, and reset() starts over.
#include "ui/common/progress_throttle.h"
#include "test_main.h"

#include <QtTest>

#include <thread>

namespace tst_progress_throttle {

using lstmlab::ui::ProgressThrottle;

class TestProgressThrottle : public QObject {
    Q_OBJECT
private slots:
    void onePerInterval()
    {
        ProgressThrottle throttle;
        QVERIFY(throttle.due());    // the first report
        QVERIFY(!throttle.due());   // at once again: held back
        QVERIFY(throttle.due(true));   // forced
        QVERIFY(!throttle.due());      // a forced report also starts the interval
        std::this_thread::sleep_for(ProgressThrottle::interval + std::chrono::milliseconds(20));
        QVERIFY(throttle.due());
        QVERIFY(!throttle.due());
        throttle.reset();
        QVERIFY(throttle.due());
    }

    // A burst of 10^4 reports within far less than an interval lets exactly one through.
    void burstSendsOne()
    {
        ProgressThrottle throttle;
        const auto started = std::chrono::steady_clock::now();
        int sent = 0;
        for (int k = 0; k < 10000; ++k)
            sent += throttle.due() ? 1 : 0;
        if (std::chrono::steady_clock::now() - started >= ProgressThrottle::interval)
            QSKIP("the burst took longer than one interval on this machine");
        QCOMPARE(sent, 1);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestProgressThrottle)

}  // namespace tst_progress_throttle
#include "tst_progress_throttle.moc"
