// The calendar inferred from a time axis: step, periods per year, season and evidence.
#include "engine/data/calendar.h"
#include "test_main.h"

#include <QtTest>

namespace tst_calendar {

using namespace lstmlab;

namespace {

constexpr std::int64_t day_us = 86'400'000'000;
constexpr std::int64_t hour_us = 3'600'000'000;

std::int64_t date_key(int year, unsigned month, unsigned day) { return days_from_civil(year, month, day) * day_us; }

std::vector<std::int64_t> months(int count)
{
    std::vector<std::int64_t> keys;
    for (int k = 0; k < count; ++k)
        keys.push_back(date_key(1990 + k / 12, unsigned(k % 12 + 1), 1));
    return keys;
}

// Weekdays from 2006-01-02 (a Monday), leaving out the weekdays numbered in `holidays` (0 = the first).
std::vector<std::int64_t> business_days(int count, const std::vector<int>& holidays = {})
{
    std::vector<std::int64_t> keys;
    int weekday_number = 0;
    for (std::int64_t d = days_from_civil(2006, 1, 2); int(keys.size()) < count; ++d) {
        const std::int64_t key = d * day_us;
        if (weekday_of_key(key) >= 5)
            continue;
        if (std::find(holidays.begin(), holidays.end(), weekday_number++) == holidays.end())
            keys.push_back(key);
    }
    return keys;
}

std::vector<std::int64_t> steps(std::int64_t first, std::int64_t step, int count)
{
    std::vector<std::int64_t> keys;
    for (int k = 0; k < count; ++k)
        keys.push_back(first + k * step);
    return keys;
}

} // namespace

class TestCalendar : public QObject {
    Q_OBJECT
private slots:
    void weekdaysAndDates()
    {
        QCOMPARE(weekday_of_key(date_key(2006, 12, 29)), 4);   // a Friday
        QCOMPARE(weekday_of_key(date_key(1970, 1, 1)), 3);     // a Thursday
        QCOMPARE(weekday_of_key(date_key(1969, 12, 28)), 6);   // a Sunday, before the epoch
        QCOMPARE(weekday_of_key(date_key(2024, 2, 29) + 23 * hour_us), 3);
        for (std::int64_t d : {-800000LL, -1LL, 0LL, 59LL, 11016LL, 20000LL, 2932896LL}) {
            const CivilDate c = civil_from_days(d);
            QCOMPARE(days_from_civil(c.year, c.month, c.day), d);
        }
        const CivilDate leap = civil_from_days(days_from_civil(2000, 2, 29));
        QCOMPARE(leap.year, std::int64_t(2000));
        QCOMPARE(leap.month, 2u);
        QCOMPARE(leap.day, 29u);
    }

    void regularSteps_data()
    {
        QTest::addColumn<QList<qint64>>("keys");
        QTest::addColumn<int>("step");
        QTest::addColumn<double>("perYear");
        QTest::addColumn<int>("season");
        QTest::addColumn<QString>("evidence");
        const auto list = [](const std::vector<std::int64_t>& keys) { return QList<qint64>(keys.begin(), keys.end()); };
        QTest::newRow("monthly") << list(months(120)) << int(CalendarStep::Monthly) << 12.0 << 12
                                 << "monthly: 119 of 119 steps are one calendar month";
        std::vector<std::int64_t> quarters;
        for (int k = 0; k < 40; ++k)
            quarters.push_back(date_key(2000 + k / 4, unsigned(3 * (k % 4) + 1), 1));
        QTest::newRow("quarterly") << list(quarters) << int(CalendarStep::Quarterly) << 4.0 << 4
                                   << "quarterly: 39 of 39 steps are one quarter";
        std::vector<std::int64_t> years;
        for (int k = 0; k < 30; ++k)
            years.push_back(date_key(1950 + k, 1, 1));
        QTest::newRow("yearly") << list(years) << int(CalendarStep::Yearly) << 1.0 << 0
                                << "yearly: 29 of 29 steps are one year";
        QTest::newRow("weekly") << list(steps(date_key(2010, 1, 4), 7 * day_us, 100)) << int(CalendarStep::Weekly)
                                << 52.0 << 52 << "weekly: 99 of 99 steps are seven days";
        // Business days with two holidays: the long weekends are gaps, not a different step.
        QTest::newRow("business daily") << list(business_days(300, {10, 150})) << int(CalendarStep::BusinessDaily)
                                        << 252.0 << 5
                                        << "business daily: 239 of 299 steps are one day, and no row falls on a "
                                           "Saturday or Sunday";
        QTest::newRow("daily") << list(steps(date_key(2020, 1, 1), day_us, 400)) << int(CalendarStep::Daily) << 365.0
                               << 7 << "daily: 399 of 399 steps are one day";
        QTest::newRow("hourly") << list(steps(date_key(2021, 3, 1), hour_us, 24 * 30)) << int(CalendarStep::Hourly)
                                << 8766.0 << 24 << "hourly: 719 of 719 steps are 60 minutes";
    }
    void regularSteps()
    {
        QFETCH(QList<qint64>, keys);
        QFETCH(int, step);
        QFETCH(double, perYear);
        QFETCH(int, season);
        QFETCH(QString, evidence);
        const TimeFormat format = step == int(CalendarStep::Monthly) ? TimeFormat::Month : TimeFormat::Date;
        const Calendar calendar = infer_calendar(format, std::vector<std::int64_t>(keys.begin(), keys.end()));
        QCOMPARE(int(calendar.step), step);
        QCOMPARE(calendar.periods_per_year, perYear);
        QCOMPARE(calendar.season, season);
        QCOMPARE(QString::fromStdString(calendar.evidence), evidence);
        QVERIFY(calendar.known());
    }

    void tradingHoursSeasonIsTheRowsOfADay()
    {
        // 7 hourly rows a business day (09:00 .. 15:00): the season is 7 rows, not 24.
        std::vector<std::int64_t> keys;
        for (std::int64_t day : business_days(60))
            for (int h = 9; h < 16; ++h)
                keys.push_back(day + h * hour_us);
        const Calendar calendar = infer_calendar(TimeFormat::DateTime, keys);
        QCOMPARE(int(calendar.step), int(CalendarStep::Hourly));
        QCOMPARE(calendar.season, 7);
        QVERIFY(calendar.weekends_skipped);
        // 419 steps over 83 days of calendar time: about 1,843 rows a year.
        QVERIFY(calendar.periods_per_year > 1700 && calendar.periods_per_year < 2000);
    }

    void noCalendar()
    {
        const Calendar index = infer_calendar(TimeFormat::Index, {1, 2, 3, 4});
        QCOMPARE(int(index.step), int(CalendarStep::Rows));
        QVERIFY(!index.known());
        QCOMPARE(index.season, 0);
        QCOMPARE(QString::fromStdString(index.evidence), QString("the time column is an integer index, not a calendar"));
        const Calendar none = infer_calendar(TimeFormat::None, {});
        QCOMPARE(int(none.step), int(CalendarStep::Rows));
        QVERIFY(QString::fromStdString(none.evidence).startsWith("no time column"));
        // Steps of 1, 10 and 45 days in equal parts: no step covers 80 %.
        std::vector<std::int64_t> keys = {0};
        for (int k = 0; k < 30; ++k)
            keys.push_back(keys.back() + (k % 3 == 0 ? 1 : k % 3 == 1 ? 10 : 45) * day_us);
        const Calendar irregular = infer_calendar(TimeFormat::Date, keys);
        QCOMPARE(int(irregular.step), int(CalendarStep::Irregular));
        QVERIFY(!irregular.known());
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestCalendar)

}  // namespace tst_calendar
#include "tst_calendar.moc"
