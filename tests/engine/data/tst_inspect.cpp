// inspect: statistics per column, the aligned text rendering and the JSON rendering (which must
// parse back, with names escaped and NaN written as null).
#include "engine/core/json.h"
#include "engine/core/sha256.h"
#include "engine/core/error.h"
#include "engine/data/inspect.h"

#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <fstream>

namespace tst_inspect {

namespace {

std::string write_file(const lstmlab::test::TempDir& dir, const std::string& content)
{
    const std::string path = dir.file("small.csv");
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

} // namespace

class TestInspect : public QObject {
    Q_OBJECT
private slots:
    void smallFileText()
    {
        lstmlab::test::TempDir dir;
        const std::string path = write_file(dir, "Date,Close,Ticker,Empty\n2020-01-01,2,ABC,NA\n2020-01-02,NA,ABC,\n"
                                                 "2020-01-03,4.5,ABC,NA\n");
        const auto report = lstmlab::inspect_csv(path);
        QCOMPARE(report.rows, std::size_t(3));
        QCOMPARE(report.columns[1].count, std::size_t(2));
        QCOMPARE(report.columns[1].missing, std::size_t(1));
        QCOMPARE(report.columns[1].min, 2.0);
        QCOMPARE(report.columns[1].max, 4.5);
        QCOMPARE(report.columns[1].mean, 3.25);
        QCOMPARE(report.columns[3].missing, std::size_t(3));
        QCOMPARE(report.sha256, lstmlab::sha256_file_hex(path));
        // Expected text written by hand from the layout in render_inspect_text.
        const std::string expected =
            "File     " + path + " (85 bytes, SHA-256 " + report.sha256 + ")\n"
            "Format   delimiter ',', 4 LF line endings, header on line 1\n"
            "Rows     3\n"
            "Time     \"Date\", ISO dates (YYYY-MM-DD), 2020-01-01 .. 2020-01-03\n"
            "Options  --delimiter , --decimal . --thousands auto --time-column Date --time-format ISO --duplicates error "
            "--encoding utf8\n"
            "Inferred Time column \"Date\": ISO dates (YYYY-MM-DD).\n"
            "\n"
            "column  type        missing         min         max  mean  note\n"
            "Date    time (ISO)        0  2020-01-01  2020-01-03     -\n"
            "Close   number            1           2         4.5  3.25\n"
            "Ticker  text              0           -           -     -  line 2: \"ABC\" is not a number\n"
            "Empty   number            3           -           -     -\n";
        QCOMPARE(QString::fromStdString(lstmlab::render_inspect_text(report)), QString::fromStdString(expected));
    }

    void jsonParsesBackWithEscapes()
    {
        lstmlab::test::TempDir dir;
        const std::string path = write_file(dir, "Day,\"Say \"\"hi\"\"\\\",Gap\n1,1.5,NA\n2,-2,NA\n");
        const auto report = lstmlab::inspect_csv(path);
        const std::string text = lstmlab::render_inspect_json(report);
        const lstmlab::Json json = lstmlab::parse_json(text, "inspect");
        QCOMPARE(lstmlab::get_uint64(json.find("rows") ? *json.find("rows") : lstmlab::Json(), "rows"), std::uint64_t(2));
        const auto& columns = json.find("columns")->items();
        QCOMPARE(columns.size(), std::size_t(3));
        QCOMPARE(columns[1].find("name")->as_string(), std::string("Say \"hi\"\\"));
        QCOMPARE(columns[1].find("min")->as_number(), -2.0);
        QCOMPARE(columns[1].find("max")->as_number(), 1.5);
        QVERIFY(columns[2].find("mean")->is_null());
        QCOMPARE(json.find("time")->find("column")->as_string(), std::string("Day"));
        QCOMPARE(json.find("time")->find("format")->as_string(), std::string("integer index"));
        QCOMPARE(json.find("sha256")->as_string(), report.sha256);
    }

    void latin1TextIsRefusedOrDecoded()
    {
        lstmlab::test::TempDir dir;
        const std::string path = write_file(dir, "Date,Name\n2020-01-01,caf\xE9\n");
        QString error;
        try {
            lstmlab::inspect_csv(path);
        } catch (const lstmlab::Error& caught) {
            error = caught.what();
        }
        QCOMPARE(error, QString::fromStdString(path) + ":2:2 (column \"Name\"): the byte 0xE9 after \"caf\" is not UTF-8 (the "
                        "file looks like Windows-1252 or Latin-1); save it as UTF-8, or decode with --encoding latin1.");
        lstmlab::CsvOptions latin1;
        latin1.encoding = lstmlab::Encoding::Latin1;
        const auto report = lstmlab::inspect_csv(path, {}, latin1);
        const lstmlab::Json json = lstmlab::parse_json(lstmlab::render_inspect_json(report), "inspect");
        QCOMPARE(json.find("columns")->items()[1].find("first_text")->as_string(), std::string("caf\xC3\xA9"));
        QCOMPARE(json.find("options")->find("encoding")->as_string(), std::string("latin1"));
    }

    void ohlcvSample()
    {
        // Expected statistics from pandas.read_csv(...).describe() (/usr/bin/python3, pandas 1.5.3);
        // the SHA-256 from sha256sum.
        const auto report = lstmlab::inspect_csv(lstmlab::test::source_path("resources/data/ohlcv_sample.csv"));
        QCOMPARE(report.rows, std::size_t(5550));
        QCOMPARE(report.time_column, std::string("Date"));
        QCOMPARE(report.first_time, std::string("1985-01-02"));
        QCOMPARE(report.last_time, std::string("2006-12-29"));
        QCOMPARE(report.sha256, std::string("73f796baf1a8e89cfede7a88dffb6f13b6cbc0052336467fb5b6ff1cc6928f30"));
        const auto& close = report.columns[4];
        QCOMPARE(close.name, std::string("Close"));
        QCOMPARE(close.min, 3.08);
        QCOMPARE(close.max, 52.62);
        QVERIFY(std::abs(close.mean - 19.013839639639638) < 1e-12);
        QCOMPARE(report.columns[5].max, 45390720.0);
        for (const auto& column : report.columns)
            QCOMPARE(column.missing, std::size_t(0));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestInspect)

}  // namespace tst_inspect
#include "tst_inspect.moc"
