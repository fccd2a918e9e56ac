// The benchmark's call timing (engine/train/call_timing.h), on a scripted clock: every call is timed
// on its own, the time between calls is not counted, the loop stops once its time has passed, and a
// latency is the median of the calls -- one slow call (a preemption) does not move it, as it moved a
// block's mean.
#include "engine/train/call_timing.h"
#include "test_main.h"

#include <QtTest>

#include <chrono>

namespace tst_call_timing {

using namespace lstmlab;

namespace {

// A clock that only moves when told to: now() reads `ticks` microseconds, and every read of it
// costs `read_cost` more (the bookkeeping between calls, which no call may be charged for).
struct ScriptedClock {
    using duration = std::chrono::microseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<ScriptedClock>;
    static constexpr bool is_steady = true;
    static inline long ticks = 0;
    static inline long read_cost = 0;
    static time_point now()
    {
        const long at = ticks;
        ticks += read_cost;
        return time_point(duration(at));
    }
};

} // namespace

class TestCallTiming : public QObject {
    Q_OBJECT
private slots:
    void medianOfOddEvenAndNone()
    {
        QCOMPARE(median({3, 1, 2}), 2.0);
        QCOMPARE(median({4, 1, 3, 2}), 2.5);
        QCOMPARE(median({}), 0.0);
    }

    void eachCallIsTimedOnItsOwn()
    {
        // Calls of 100 us, every tenth one 5,000 us (preempted); each clock read costs 7 us.
        ScriptedClock::ticks = 0;
        ScriptedClock::read_cost = 7;
        long made = 0;
        std::vector<double> calls;
        const long count = time_each_call<ScriptedClock>(
            [&] { ScriptedClock::ticks += (++made % 10 == 0) ? 5000 : 100; }, 0.05, &calls);
        QCOMPARE(count, made);
        QCOMPARE(long(calls.size()), made);
        // The loop stops at the first call that ends 50 ms or more after the start: 15 + 5 slow calls
        // plus the clock reads, so between 50 and 55.2 ms of scripted time.
        QVERIFY(ScriptedClock::ticks >= 50000 && ScriptedClock::ticks < 55200);
        for (long k = 0; k < made; ++k) {
            // Each call is charged its own time plus one clock read (the read that ends it).
            const double expected = ((k + 1) % 10 == 0 ? 5000 : 100) + 7;
            QCOMPARE(calls[std::size_t(k)] * 1e6, expected);
        }
        // The median is the ordinary call's; the mean is pulled far off by the slow ones.
        QCOMPARE(median(calls) * 1e6, 107.0);
        double mean = 0;
        for (double c : calls)
            mean += c;
        mean /= double(calls.size());
        QVERIFY(mean * 1e6 > 500);
    }

    void oneCallWhenTheTimeIsShort()
    {
        ScriptedClock::ticks = 0;
        ScriptedClock::read_cost = 0;
        std::vector<double> calls;
        QCOMPARE(time_each_call<ScriptedClock>([] { ScriptedClock::ticks += 2000; }, 0.001, &calls), 1L);
        QCOMPARE(calls.size(), std::size_t(1));
        QCOMPARE(calls[0], 0.002);
        // Without a vector the calls are counted, not recorded.
        ScriptedClock::ticks = 0;
        QCOMPARE(time_each_call<ScriptedClock>([] { ScriptedClock::ticks += 400; }, 0.001, nullptr), 3L);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestCallTiming)

}  // namespace tst_call_timing
#include "tst_call_timing.moc"
