// WorkShares: the ranges of a split cover every item once, follow the shares in whole quanta, and the
// shares move toward the members' measured speeds without starving anyone.
#include "engine/nn/work_shares.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>
#include <stdexcept>

namespace tst_work_shares {

using namespace lstmlab;

namespace {

// The ranges of every member, checked to tile [0, count) in order.
std::vector<Range> ranges(const WorkShares& shares, Eigen::Index count, Eigen::Index quantum)
{
    std::vector<Range> out;
    Eigen::Index next = 0;
    for (int m = 0; m < shares.members(); ++m) {
        const Range r = shares.range(count, m, shares.members(), quantum);
        if (r.begin != next || r.end < r.begin)
            return {};
        next = r.end;
        out.push_back(r);
    }
    return next == count ? out : std::vector<Range>{};
}

Eigen::Index size(const Range& r)
{
    return r.end - r.begin;
}

} // namespace

class TestWorkShares : public QObject {
    Q_OBJECT
private slots:
    void equalSharesSplitEvenly()
    {
        const WorkShares shares(2);
        const auto split = ranges(shares, 64, 1);
        QCOMPARE(split.size(), std::size_t(2));
        QCOMPARE(size(split[0]), Eigen::Index(32));
        QCOMPARE(size(split[1]), Eigen::Index(32));
        // One member (a job run on the caller alone) gets everything.
        const Range all = shares.range(64, 0, 1, 1);
        QCOMPARE(all.begin, Eigen::Index(0));
        QCOMPARE(all.end, Eigen::Index(64));
    }

    void unevenSharesFollowTheirProportionsInQuanta()
    {
        WorkShares shares(3);
        shares.fix({0.5, 0.2, 0.3});
        const auto split = ranges(shares, 100, 1);
        QCOMPARE(split.size(), std::size_t(3));
        QCOMPARE(size(split[0]), Eigen::Index(50));
        QCOMPARE(size(split[1]), Eigen::Index(20));
        QCOMPARE(size(split[2]), Eigen::Index(30));
        // Quanta of 6 over 64 items (11 quanta, the last one short): boundaries at whole quanta,
        // rounded to the nearest (0.5 * 11 = 5.5 -> 6 quanta = 36, 0.7 * 11 = 7.7 -> 8 = 48).
        const auto tiles = ranges(shares, 64, 6);
        QCOMPARE(tiles.size(), std::size_t(3));
        QCOMPARE(tiles[0].end, Eigen::Index(36));
        QCOMPARE(tiles[1].end, Eigen::Index(48));
        QCOMPARE(tiles[2].end, Eigen::Index(64));
    }

    void everyItemLandsOnceForAnyShares()
    {
        for (const std::vector<double>& fixed :
             std::vector<std::vector<double>>{{1, 0}, {0, 1}, {0.999, 0.001}, {0.3, 0.3, 0.4}, {0, 1, 0}}) {
            WorkShares shares(int(fixed.size()));
            shares.fix(fixed);
            for (Eigen::Index count : {0, 1, 5, 7, 64, 1000})
                for (Eigen::Index quantum : {1, 4, 6, 32})
                    QVERIFY2(!ranges(shares, count, quantum).empty() || count == 0,
                             qPrintable(QString("count %1 quantum %2").arg(count).arg(quantum)));
        }
    }

    void sharesMoveHalfWayTowardMeasuredSpeeds()
    {
        WorkShares shares(2);
        // Member 0 did 32 items in 1 ms, member 1 32 items in 2 ms: speeds 2:1, so the measurement
        // says 2/3 and the share moves half way from 1/2: 7/12.
        shares.record(0, 32, 1e-3);
        shares.record(1, 32, 2e-3);
        shares.update();
        QVERIFY(std::abs(shares.share(0) - 7.0 / 12.0) < 1e-12);
        QVERIFY(std::abs(shares.share(0) + shares.share(1) - 1.0) < 1e-12);
        // Records add up within a job (a member timing its steps one by one).
        shares.record(0, 10, 0.5e-3);
        shares.record(0, 10, 0.5e-3);
        shares.record(1, 20, 1e-3);
        shares.update();
        QVERIFY(std::abs(shares.share(0) - (0.5 * 7.0 / 12.0 + 0.25)) < 1e-12);
        // Repeated equal measurements converge to them.
        for (int k = 0; k < 60; ++k) {
            shares.record(0, 30, 1e-3);
            shares.record(1, 10, 1e-3);
            shares.update();
        }
        QVERIFY(std::abs(shares.share(0) - 0.75) < 1e-9);
    }

    void untimedOrPartialJobsLeaveSharesAlone()
    {
        WorkShares shares(2);
        // Too short to time.
        shares.record(0, 32, 1e-6);
        shares.record(1, 32, 9e-6);
        shares.update();
        QCOMPARE(shares.share(0), 0.5);
        // Only one member recorded (a job run on the caller alone): dropped, not carried over.
        shares.record(0, 64, 1e-3);
        shares.update();
        QCOMPARE(shares.share(0), 0.5);
        shares.record(0, 32, 1e-3);
        shares.record(1, 32, 1e-3);
        shares.update();
        QCOMPARE(shares.share(0), 0.5);
        // Fixed shares ignore measurements.
        shares.fix({3, 1});
        shares.record(0, 1, 1e-3);
        shares.record(1, 100, 1e-3);
        shares.update();
        QCOMPARE(shares.share(0), 0.75);
        // Shares that cannot be normalised are refused, and the last good ones stay.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shares.fix({0, 0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shares.fix({-1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shares.fix({1, std::nan("")}));
        QCOMPARE(shares.share(0), 0.75);
        shares.fix({0, 1});   // a member without work is fine
        QCOMPARE(shares.share(0), 0.0);
    }

    void aStalledMemberKeepsAFloor()
    {
        // A member descheduled for a whole job measures near zero speed; its share stops at the floor
        // (a fifth of an equal share) so the next job times it again.
        WorkShares shares(2);
        for (int k = 0; k < 20; ++k) {
            shares.record(0, 32, 1e-3);
            shares.record(1, 1, 1.0);
            shares.update();
        }
        const double floor = WorkShares::min_fraction_of_equal / 2;
        QVERIFY(shares.share(1) >= floor / (1 + floor) - 1e-12);
        QVERIFY(shares.share(1) < 0.11);
        const auto split = ranges(shares, 64, 1);
        QVERIFY(size(split[1]) >= 5);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestWorkShares)

}  // namespace tst_work_shares
#include "tst_work_shares.moc"
