// The CSV loader on good input: dialects, missing-value policies, time columns, the bundled samples,
// locale independence (R7), cancellation and bounded memory on hostile sizes (R8).
#include "engine/core/error.h"
#include "engine/data/csv_load.h"

#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <clocale>
#include <cmath>
#include <fstream>
#include <locale>

namespace tst_csv_load {

using lstmlab::ColumnKind;
using lstmlab::LoadOptions;
using lstmlab::MissingPolicy;
using lstmlab::TimeFormat;

namespace {

std::string write_file(const lstmlab::test::TempDir& dir, const QByteArray& content)
{
    const std::string path = dir.file("data.csv");
    std::ofstream out(path, std::ios::binary);
    out.write(content.constData(), content.size());
    return path;
}

QString joined(const std::vector<double>& values)
{
    QStringList parts;
    for (double value : values)
        parts << (std::isnan(value) ? QString("nan") : QString::number(value, 'g', 17));
    return parts.join(' ');
}

// A numpunct that writes 1.234,5 like de_DE, to check that parsing ignores the global C++ locale.
struct CommaDecimal : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

} // namespace

class TestCsvLoad : public QObject {
    Q_OBJECT
private slots:
    void dialects_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("closes");   // the Close column, space separated
        QTest::addColumn<char>("delimiter");
        QTest::addColumn<bool>("bom");

        QTest::newRow("LF") << QByteArray("Date,Close\n2020-01-01,1.5\n2020-01-02,2\n") << "1.5 2" << ',' << false;
        QTest::newRow("CRLF") << QByteArray("Date,Close\r\n2020-01-01,1.5\r\n2020-01-02,2\r\n") << "1.5 2" << ',' << false;
        QTest::newRow("CR") << QByteArray("Date,Close\r2020-01-01,1.5\r2020-01-02,2\r") << "1.5 2" << ',' << false;
        QTest::newRow("no final line break") << QByteArray("Date,Close\n2020-01-01,1.5\n2020-01-02,2") << "1.5 2" << ',' << false;
        QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF" "Date,Close\n2020-01-01,1.5\n2020-01-02,2\n") << "1.5 2" << ',' << true;
        QTest::newRow("semicolon") << QByteArray("Date;Close\n2020-01-01;1.5\n2020-01-02;2\n") << "1.5 2" << ';' << false;
        QTest::newRow("semicolon, comma in quoted text")
            << QByteArray("Date;Note;Close\n2020-01-01;\"a,b\";1.5\n2020-01-02;\"c,d,e\";2\n") << "1.5 2" << ';' << false;
        QTest::newRow("tab") << QByteArray("Date\tClose\n2020-01-01\t1.5\n2020-01-02\t2\n") << "1.5 2" << '\t' << false;
        QTest::newRow("quoted numbers, spaces, plus sign")
            << QByteArray("Date,Close\n2020-01-01,\" 1.5 \"\n2020-01-02, +2\n") << "1.5 2" << ',' << false;
        QTest::newRow("quoted text with line breaks and quotes")
            << QByteArray("Date,Note,Close\n2020-01-01,\"say \"\"hi\"\"\nthen\r\nleave\",1.5\n2020-01-02,,2\n")
            << "1.5 2" << ',' << false;
        QTest::newRow("exponents") << QByteArray("Date,Close\n2020-01-01,15e-1\n2020-01-02,0.2E1\n") << "1.5 2" << ',' << false;
    }
    void dialects()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, closes);
        QFETCH(char, delimiter);
        QFETCH(bool, bom);
        lstmlab::test::TempDir dir;
        LoadOptions options;
        options.used_columns = {"Close"};
        const auto result = lstmlab::load_csv(write_file(dir, content), options);
        QCOMPARE(joined(result.frame.numeric_column("Close").values), closes);
        QCOMPARE(result.report.delimiter, delimiter);
        QCOMPARE(result.report.utf8_bom, bom);
        QCOMPARE(result.report.rows_in_file, std::size_t(2));
        QCOMPARE(result.frame.columns[0].name, std::string("Date"));
        QCOMPARE(result.frame.time.column, 0);
        QCOMPARE(QString::fromStdString(result.frame.row_label(1)), QString("2020-01-02"));
    }

    void lineEndingsAreCounted()
    {
        lstmlab::test::TempDir dir;
        const auto result = lstmlab::load_csv(write_file(dir, "Date,Close\r\n2020-01-01,1\n2020-01-02,2\r2020-01-03,3\r\n"));
        QCOMPARE(result.report.line_endings.crlf, std::size_t(2));
        QCOMPARE(result.report.line_endings.lf, std::size_t(1));
        QCOMPARE(result.report.line_endings.cr, std::size_t(1));
        QCOMPARE(result.frame.lines, (std::vector<std::size_t>{2, 3, 4}));
    }

    void missingPolicies_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("closes");
        QTest::addColumn<QString>("opens");    // Open is not used: never dropped or filled
        QTest::addColumn<int>("dropped");
        QTest::addColumn<int>("firstDroppedLine");
        QTest::addColumn<int>("filled");
        // Rows: line 2 complete, line 3 Close "NA", line 4 Close "", line 5 Open "n/a", line 6 Close " NaN ".
        QTest::newRow("drop") << "drop" << "1 5" << "10 nan" << 3 << 3 << 0;
        QTest::newRow("ffill") << "ffill" << "1 1 1 5 5" << "10 11 12 nan 14" << 0 << 0 << 3;
        QTest::newRow("keep") << "keep" << "1 nan nan 5 nan" << "10 11 12 nan 14" << 0 << 0 << 0;
    }
    void missingPolicies()
    {
        QFETCH(QString, policy);
        QFETCH(QString, closes);
        QFETCH(QString, opens);
        QFETCH(int, dropped);
        QFETCH(int, firstDroppedLine);
        QFETCH(int, filled);
        lstmlab::test::TempDir dir;
        const QByteArray content("Date,Open,Close\n2020-01-01,10,1\n2020-01-02,11,NA\n2020-01-03,12,\n"
                                 "2020-01-04,n/a,5\n2020-01-05,14, NaN \n");
        LoadOptions options;
        options.used_columns = {"Close"};
        options.missing = lstmlab::parse_missing_policy(policy.toStdString());
        const auto result = lstmlab::load_csv(write_file(dir, content), options);
        QCOMPARE(joined(result.frame.numeric_column("Close").values), closes);
        QCOMPARE(joined(result.frame.numeric_column("Open").values), opens);
        QCOMPARE(result.frame.numeric_column("Close").missing, std::size_t(3));
        QCOMPARE(result.frame.numeric_column("Open").missing, std::size_t(1));
        QCOMPARE(result.frame.numeric_column("Close").forward_filled, std::size_t(filled));
        QCOMPARE(result.report.rows_in_file, std::size_t(5));
        QCOMPARE(result.report.rows_dropped, std::size_t(dropped));
        QCOMPARE(result.report.rows_kept, std::size_t(5 - dropped));
        QCOMPARE(result.report.first_dropped_line, std::size_t(firstDroppedLine));
        if (dropped > 0)
            QCOMPARE(QString::fromStdString(result.report.summary()),
                     QString::fromStdString("Read 5 data rows from " + result.report.path
                                            + "; kept 2, dropped 3 with missing values (first on line 3)."));
    }

    void unusedTextColumnIsCarried()
    {
        lstmlab::test::TempDir dir;
        LoadOptions options;
        options.used_columns = {"Close"};
        const auto result = lstmlab::load_csv(
            write_file(dir, "Date,Ticker,Close,Flag\n2020-01-01,ABC,1,0\n2020-01-02,ABC,2,yes\n"), options);
        const auto& ticker = result.frame.columns[1];
        QCOMPARE(ticker.kind, ColumnKind::Text);
        QCOMPARE(ticker.first_text, std::string("ABC"));
        QCOMPARE(ticker.first_text_line, std::size_t(2));
        QVERIFY(ticker.values.empty());
        const auto& flag = result.frame.columns[3];
        QCOMPARE(flag.kind, ColumnKind::Text);
        QCOMPARE(flag.first_text_line, std::size_t(3));
        QCOMPARE(joined(result.frame.numeric_column("Close").values), QString("1 2"));
        QVERIFY_THROWS_EXCEPTION(lstmlab::Error, result.frame.numeric_column("Ticker"));
    }

    void timeFormats_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("format");
        QTest::addColumn<qint64>("secondKey");
        // Keys: microseconds since 1970 (date -u -d '2020-02-01' +%s gives 1580515200), or the index.
        QTest::newRow("YYYY-MM") << QByteArray("Month,Sales\n2020-01,5\n2020-02,6\n") << 0
                                 << int(TimeFormat::Month) << qint64(1580515200) * 1000000;
        QTest::newRow("date time") << QByteArray("Value,Time\n5,2020-02-01 00:00:01\n6,2020-02-01T00:00:02.5Z\n") << 1
                                   << int(TimeFormat::DateTime) << qint64(1580515202) * 1000000 + 500000;
        QTest::newRow("offset") << QByteArray("Time,Value\n2020-02-01T00:00:00+01:00,5\n2020-02-01T01:00:00+01:00,6\n")
                                << 0 << int(TimeFormat::DateTime) << qint64(1580515200) * 1000000;
        QTest::newRow("slashes") << QByteArray("Date,Value\n2020/01/31,5\n2020/02/01,6\n") << 0
                                 << int(TimeFormat::Date) << qint64(1580515200) * 1000000;
        QTest::newRow("integer Day index") << QByteArray("Day,DAX\n1,10\n2,11\n") << 0 << int(TimeFormat::Index) << qint64(2);
        QTest::newRow("unix timestamp") << QByteArray("Price,timestamp\n1,1580515100\n2,1580515200\n") << 1
                                        << int(TimeFormat::DateTime) << qint64(1580515200) * 1000000;
        QTest::newRow("integers under another name are numbers")
            << QByteArray("Volume,Close\n100,1\n200,2\n") << -1 << int(TimeFormat::None) << qint64(0);
    }
    void timeFormats()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, column);
        QFETCH(int, format);
        QFETCH(qint64, secondKey);
        lstmlab::test::TempDir dir;
        const auto result = lstmlab::load_csv(write_file(dir, content));
        QCOMPARE(result.frame.time.column, column);
        QCOMPARE(int(result.frame.time.format), format);
        if (column >= 0) {
            QCOMPARE(result.frame.columns[std::size_t(column)].kind, ColumnKind::Time);
            QCOMPARE(qint64(result.frame.time.keys[1]), secondKey);
        } else {
            QCOMPARE(result.frame.row_label(1), std::string("2"));
        }
    }

    void explicitTimeColumn()
    {
        lstmlab::test::TempDir dir;
        const std::string path = write_file(dir, "Step,Close\n1,5\n2,6\n");
        LoadOptions options;
        QCOMPARE(lstmlab::load_csv(path, options).frame.time.column, -1);  // "Step" is not a time name
        options.csv.time_column = "Step";
        QCOMPARE(lstmlab::load_csv(path, options).frame.time.column, 0);
        options.csv.time_column = "";
        const auto none = lstmlab::load_csv(write_file(dir, "Date,Close\n2020-01-01,5\n"), options);
        QCOMPARE(none.frame.time.column, -1);
        QCOMPARE(none.frame.columns[0].kind, ColumnKind::Text);
    }

    void bundledSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("column");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("timeColumn");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("firstLabel");
        QTest::addColumn<QString>("lastLabel");
        QTest::addColumn<double>("first");
        QTest::addColumn<double>("last");
        // Values from `head -2` and `tail -1` of the files.
        QTest::newRow("ohlcv Close") << "resources/data/ohlcv_sample.csv" << "Close" << 5550 << "Date"
                                     << int(TimeFormat::Date) << "1985-01-02" << "2006-12-29" << 3.08 << 51.95;
        QTest::newRow("ohlcv Volume") << "resources/data/ohlcv_sample.csv" << "Volume" << 5550 << "Date"
                                      << int(TimeFormat::Date) << "1985-01-02" << "2006-12-29" << 1870906.0 << 4943331.0;
        QTest::newRow("eustockmarkets DAX") << "resources/data/eustockmarkets.csv" << "DAX" << 1860 << "Day"
                                            << int(TimeFormat::Index) << "1" << "1860" << 1628.75 << 5473.72;
        QTest::newRow("eustockmarkets FTSE") << "resources/data/eustockmarkets.csv" << "FTSE" << 1860 << "Day"
                                             << int(TimeFormat::Index) << "1" << "1860" << 2443.6 << 5455.0;
    }
    void bundledSamples()
    {
        QFETCH(QString, file);
        QFETCH(QString, column);
        QFETCH(int, rows);
        QFETCH(QString, timeColumn);
        QFETCH(int, format);
        QFETCH(QString, firstLabel);
        QFETCH(QString, lastLabel);
        QFETCH(double, first);
        QFETCH(double, last);
        LoadOptions options;
        options.used_columns = {column.toStdString()};
        const auto result = lstmlab::load_csv(lstmlab::test::source_path(file.toStdString()), options);
        const auto& frame = result.frame;
        QCOMPARE(int(frame.rows()), rows);
        QCOMPARE(int(result.report.rows_in_file), rows);
        QCOMPARE(result.report.rows_dropped, std::size_t(0));
        QCOMPARE(QString::fromStdString(frame.columns[std::size_t(frame.time.column)].name), timeColumn);
        QCOMPARE(int(frame.time.format), format);
        QCOMPARE(QString::fromStdString(std::string(frame.time.label(0))), firstLabel);
        QCOMPARE(QString::fromStdString(std::string(frame.time.label(frame.rows() - 1))), lastLabel);
        const auto& values = frame.numeric_column(column.toStdString()).values;
        QCOMPARE(values.front(), first);
        QCOMPARE(values.back(), last);
        QCOMPARE(frame.lines.back(), std::size_t(rows + 1));
    }

    void commaDecimalLocaleDoesNotChangeParsing()
    {
        // The machine may lack a de_DE locale; the C++ global locale gets a comma-decimal facet either
        // way, and the C locale is switched too when one of these is installed.
        const std::string previous_c = std::setlocale(LC_ALL, nullptr);
        const char* c_locale = nullptr;
        for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "nl_NL.UTF-8"})
            if ((c_locale = std::setlocale(LC_ALL, name)))
                break;
        const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
        if (!c_locale)
            qInfo("no comma-decimal C locale installed; checked the C++ global locale only");
        else
            QCOMPARE(std::localeconv()->decimal_point[0], ',');

        lstmlab::test::TempDir dir;
        LoadOptions options;
        options.used_columns = {"Close"};
        QString loaded;
        QString error;
        try {
            loaded = joined(lstmlab::load_csv(write_file(dir, "Date,Close\n2020-01-01,1.5\n2020-01-02,1234.25\n"), options)
                                .frame.numeric_column("Close").values);
            options.csv.decimal = '.';
            lstmlab::load_csv(write_file(dir, "Date;Close\n2020-01-01;1,5\n"), options);
        } catch (const lstmlab::Error& caught) {
            error = caught.what();
        }
        std::locale::global(previous);
        std::setlocale(LC_ALL, previous_c.c_str());
        QCOMPARE(loaded, QString("1.5 1234.25"));
        QVERIFY2(error.endsWith("\"1,5\" is not a number; add --decimal ,."), qPrintable(error));
    }

    void cancelAtTenPercent()
    {
        // About 8 MiB: the loader reads 1 MiB chunks, so it must stop within one chunk of 10 %.
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("big.csv");
        {
            std::ofstream out(path, std::ios::binary);
            out << "Date,Open,High,Low,Close,Volume\n";
            for (int row = 0; row < 160000; ++row)
                out << "2020-01-01,101.25,102.5,100.75,101.5," << 1000000 + row << "\n";
        }
        std::uint64_t last_seen = 0;
        std::uint64_t total = 0;
        int calls = 0;
        LoadOptions options;
        options.csv.time_column = "";
        options.progress = [&](std::uint64_t read, std::uint64_t bytes_total) {
            ++calls;
            last_seen = read;
            total = bytes_total;
            return read < bytes_total / 10;
        };
        QVERIFY_THROWS_EXCEPTION(lstmlab::Cancelled, lstmlab::load_csv(path, options));
        QVERIFY(total > 7000000);
        QVERIFY(last_seen >= total / 10);
        QVERIFY(last_seen <= total / 10 + (1u << 20));
        QCOMPARE(calls, int((total / 10) / (1u << 20)) + 1);
    }

    void hugeSingleLineFailsEarly()
    {
        // R8's "100 MB single line", scaled to 8 MiB: rejected at the 1 MiB field limit.
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("line.csv");
        {
            std::ofstream out(path, std::ios::binary);
            out << "Date,Close\n2020-01-01,";
            const std::string block(1 << 16, '7');
            for (int k = 0; k < 128; ++k)
                out << block;
        }
        std::uint64_t read_when_failed = 0;
        LoadOptions options;
        options.progress = [&](std::uint64_t read, std::uint64_t) {
            read_when_failed = read;
            return true;
        };
        QVERIFY_THROWS_EXCEPTION(lstmlab::Error, lstmlab::load_csv(path, options));
        QVERIFY(read_when_failed <= 2u << 20);
    }

    void tooManyFields()
    {
        lstmlab::test::TempDir dir;
        LoadOptions options;
        options.limits.max_fields = 5;
        QString message;
        try {
            lstmlab::load_csv(write_file(dir, "a,b,c,d,e,f,g\n1,2,3,4,5,6,7\n"), options);
        } catch (const lstmlab::Error& error) {
            message = error.what();
        }
        QVERIFY2(message.endsWith(":1:6: the record has more than 5 fields."), qPrintable(message));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestCsvLoad)

}  // namespace tst_csv_load
#include "tst_csv_load.moc"
