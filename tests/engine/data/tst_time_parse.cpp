// Time cells: calendar validation and keys (microseconds since 1970 UTC), index columns, names.
// Expected keys from Python: int(datetime.fromisoformat(text).timestamp()) with UTC for bare dates.
#include "engine/data/time_parse.h"
#include "test_main.h"

#include <QtTest>

namespace tst_time_parse {

using namespace lstmlab;

class TestTimeParse : public QObject {
    Q_OBJECT
private slots:
    void calendar_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("format");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("epoch") << "1970-01-01" << int(TimeFormat::Date) << qint64(0);
        QTest::newRow("leap day 2000") << "2000-02-29" << int(TimeFormat::Date) << qint64(951782400);
        QTest::newRow("before 1970") << "1900-03-01" << int(TimeFormat::Date) << qint64(-2203891200);
        QTest::newRow("month") << "2000-02" << int(TimeFormat::Month) << qint64(949363200);
        QTest::newRow("date time Z") << "2024-12-31T23:59:59Z" << int(TimeFormat::DateTime) << qint64(1735689599);
        QTest::newRow("space, no seconds") << "2024-12-31 23:59" << int(TimeFormat::DateTime) << qint64(1735689540);
        QTest::newRow("negative offset") << "1969-12-31T23:00:00-02:30" << int(TimeFormat::DateTime) << qint64(5400);
        QTest::newRow("surrounding blanks") << "  2000-02-29 " << int(TimeFormat::Date) << qint64(951782400);
    }
    void calendar()
    {
        QFETCH(QString, text);
        QFETCH(int, format);
        QFETCH(qint64, seconds);
        const auto parsed = parse_calendar_time(text.toStdString());
        QVERIFY(parsed.has_value());
        QCOMPARE(int(parsed->format), format);
        QCOMPARE(qint64(parsed->key), seconds * 1000000);
    }

    void fractionalSeconds()
    {
        const auto parsed = parse_calendar_time("1970-01-01T00:00:01.25");
        QVERIFY(parsed.has_value());
        QCOMPARE(qint64(parsed->key), qint64(1250000));
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* text : {"2023-13-01", "2023-00-10", "1900-02-29", "2000-02-30", "2020-1-5", "2020-01-05T24:00",
                                 "2020-01-05T12:60", "2020/01-05", "2020/01", "20200105", "2020-01-05x", "05.01.2020",
                                 "2020-01-05T10:00+25:00", "2020-01-05T10:00:00.", ""})
            QTest::newRow(text) << text;
    }
    void rejected()
    {
        QFETCH(QString, text);
        QVERIFY(!parse_calendar_time(text.toStdString()).has_value());
    }

    void indexColumns()
    {
        QCOMPARE(parse_time_index(" 42 ").value(), std::int64_t(42));
        QCOMPARE(parse_time_index("-3").value(), std::int64_t(-3));
        QVERIFY(!parse_time_index("4.5").has_value());
        QVERIFY(!parse_time_index("").has_value());
        QVERIFY(parse_time_as(TimeFormat::Index, "7").has_value());
        QVERIFY(!parse_time_as(TimeFormat::Index, "2020-01-01").has_value());
        QVERIFY(parse_time_as(TimeFormat::Date, "2020-01-01 10:00").has_value());  // calendar family
    }

    void timeLikeNames()
    {
        for (const char* name : {"Date", "DAY", "timestamp", " Time ", "t", "Index"})
            QVERIFY2(is_time_like_name(name), name);
        for (const char* name : {"Close", "Days", "Volume", "dt", ""})
            QVERIFY2(!is_time_like_name(name), name);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestTimeParse)

}  // namespace tst_time_parse
#include "tst_time_parse.moc"
