// docs/reliability.md R7: every bad input of the table gives its exact one-sentence message
// `file:line:column (column "Name"): reason`; the acceptable ones (UTF-8 BOM, CR/LF/CRLF) load.
// Expected messages are written out by hand from the contract in engine/data/csv_load.h; "F" stands
// for the temporary file's path.
#include "engine/core/error.h"
#include "engine/data/csv_load.h"

#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <fstream>

namespace tst_csv_errors {

using lstmlab::LoadOptions;
using lstmlab::MissingPolicy;

namespace {

std::string write_file(const lstmlab::test::TempDir& dir, const QByteArray& content)
{
    const std::string path = dir.file("data.csv");
    std::ofstream out(path, std::ios::binary);
    out.write(content.constData(), content.size());
    return path;
}

LoadOptions options_for(const QString& used, const QString& missing)
{
    LoadOptions options;
    for (const QString& name : used.split(',', Qt::SkipEmptyParts))
        options.used_columns.push_back(name.toStdString());
    options.missing = lstmlab::parse_missing_policy(missing.toStdString());
    return options;
}

} // namespace

class TestCsvErrors : public QObject {
    Q_OBJECT
private slots:
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("used");     // comma-separated used columns
        QTest::addColumn<QString>("missing");  // missing-value policy
        QTest::addColumn<QString>("expected"); // the whole message, F = the file's path

        QTest::newRow("ragged: too few fields")
            << QByteArray("Date,Open,Close\n2020-01-01,1,2\n2020-01-02,3\n") << "Close" << "error"
            << "F:3:3 (column \"Close\"): the row has 2 fields but the header has 3 columns.";
        QTest::newRow("ragged: too many fields")
            << QByteArray("Date,Open,Close\n2020-01-01,1,2\n2020-01-02,3,4,5\n") << "Close" << "error"
            << "F:3:4: the row has 4 fields but the header has 3 columns.";
        QTest::newRow("unterminated quote")
            << QByteArray("Date,Note,Close\n2020-01-01,x,1\n2020-01-02,\"open\nstill open\n2020-01-03,x,3\n")
            << "Close" << "error"
            << "F:3:2 (column \"Note\"): the quoted field that starts here is never closed (the file ends inside it).";
        QTest::newRow("NUL byte")
            << QByteArray("Date,Close\n2020-01-01,1\n2020-01-02,2", 36) + QByteArray(1, '\0') + QByteArray("\n")
            << "Close" << "error"
            << "F:3:2 (column \"Close\"): the file contains a NUL byte; it is binary or UTF-16, not a UTF-8 text CSV.";
        QTest::newRow("UTF-16 LE with BOM")
            << QByteArray("\xFF\xFE" "D\0a\0t\0e\0", 10) << "" << "error"
            << "F:1:1: the file is UTF-16 encoded (it starts with a UTF-16 byte-order mark); save it as UTF-8.";
        QTest::newRow("UTF-16 BE with BOM")
            << QByteArray("\xFE\xFF\0D\0a", 6) << "" << "error"
            << "F:1:1: the file is UTF-16 encoded (it starts with a UTF-16 byte-order mark); save it as UTF-8.";
        QTest::newRow("UTF-16 LE without BOM")
            << QByteArray("D\0a\0t\0e\0", 8) << "" << "error"
            << "F:1:1: the file contains a NUL byte; it is binary or UTF-16, not a UTF-8 text CSV.";
        QTest::newRow("empty file") << QByteArray() << "" << "error"
                                    << "F: the file is empty; expected a header row and data rows.";
        QTest::newRow("only blank lines") << QByteArray("\n\r\n\n") << "" << "error"
                                          << "F: the file has no header row (it holds only blank lines).";
        QTest::newRow("header only") << QByteArray("Date,Close\n") << "" << "error"
                                     << "F:2: the file has a header row (line 1) but no data rows.";
        QTest::newRow("header only, no line break") << QByteArray("Date,Close") << "" << "error"
                                                    << "F:2: the file has a header row (line 1) but no data rows.";
        QTest::newRow("duplicate header name")
            << QByteArray("Date,Close,Close\n2020-01-01,1,2\n") << "" << "error"
            << "F:1:3 (column \"Close\"): the header name \"Close\" is already used by column 2; column names must be unique.";
        QTest::newRow("unnamed column named like another")
            << QByteArray("Date,,column_2\n2020-01-01,1,2\n") << "" << "error"
            << "F:1:3 (column \"column_2\"): the header name \"column_2\" is already used by column 2; column names must be unique.";
        QTest::newRow("2 MiB field")
            << QByteArray("Date,Note,Close\n2020-01-01,") + QByteArray(2 << 20, 'x') + QByteArray(",1\n")
            << "Close" << "error"
            << "F:2:2 (column \"Note\"): the field is longer than 1048576 bytes; is a quote unbalanced or the delimiter wrong?";
        QTest::newRow("abc in a used numeric column")
            << QByteArray("Date,Close\n2020-01-01,1\n2020-01-02,abc\n") << "Close" << "error"
            << "F:3:2 (column \"Close\"): \"abc\" is not a number.";
        QTest::newRow("1e400")
            << QByteArray("Date,Close\n2020-01-01,1e400\n") << "Close" << "error"
            << "F:2:2 (column \"Close\"): \"1e400\" is outside the range of a double (magnitudes from about 4.9e-324 to 1.8e308).";
        QTest::newRow("inf")
            << QByteArray("Date,Close\n2020-01-01,-inf\n") << "Close" << "error"
            << "F:2:2 (column \"Close\"): \"-inf\" is not a finite number.";
        QTest::newRow("NA token, policy error")
            << QByteArray("Date,Close\n2020-01-01,1\n2020-01-02,NA\n") << "Close" << "error"
            << "F:3:2 (column \"Close\"): missing value \"NA\"; choose --missing drop or --missing ffill to accept missing values.";
        QTest::newRow("empty cell, policy error")
            << QByteArray("Date,Close,Open\n2020-01-01,1,1\n2020-01-02,,1\n") << "Close" << "error"
            << "F:3:2 (column \"Close\"): missing value \"\"; choose --missing drop or --missing ffill to accept missing values.";
        QTest::newRow("missing first value, policy ffill")
            << QByteArray("Date,Close\n2020-01-01,null\n2020-01-02,2\n") << "Close" << "ffill"
            << "F:2:2 (column \"Close\"): missing value \"null\" in the first data row cannot be forward-filled (there is no earlier value).";
        QTest::newRow("missing time")
            << QByteArray("Date,Close\n2020-01-01,1\nNA,2\n") << "Close" << "ffill"
            << "F:3:1 (column \"Date\"): missing time \"NA\"; a time cannot be forward-filled, use --missing drop to drop such rows.";
        QTest::newRow("unsorted dates")
            << QByteArray("Date,Close\n2020-01-01,1\n2020-01-03,2\n2020-01-02,3\n") << "Close" << "error"
            << "F:4:1 (column \"Date\"): the time \"2020-01-02\" is earlier than \"2020-01-03\" on line 3; rows must be sorted oldest "
               "first (or all newest first); sort the file, or add --time-column none to number the rows instead.";
        QTest::newRow("unsorted dates after a dropped row")   // the message quotes the dropped row's time
            << QByteArray("Date,Close\n2020-01-01,1\n 2020-01-03 ,NA\n2020-01-02,3\n") << "Close" << "drop"
            << "F:4:1 (column \"Date\"): the time \"2020-01-02\" is earlier than \"2020-01-03\" on line 3; rows must be sorted oldest "
               "first (or all newest first); sort the file, or add --time-column none to number the rows instead.";
        QTest::newRow("duplicate dates")
            << QByteArray("Date,Close\n2020-01-01,1\n2020-01-03,2\n2020-01-03,3\n") << "Close" << "error"
            << "F:4:1 (column \"Date\"): the time \"2020-01-03\" repeats the time of line 3 (\"2020-01-03\"); each row needs its own "
               "time, or add --duplicates first, last or mean to merge such rows.";
        QTest::newRow("newest first, then later")
            << QByteArray("Date,Close\n2020-01-03,1\n2020-01-02,2\n2020-01-04,3\n") << "Close" << "error"
            << "F:4:1 (column \"Date\"): the time \"2020-01-04\" is later than \"2020-01-02\" on line 3, but the rows before it "
               "run newest first; rows must be sorted in one direction; sort the file, or add --time-column none to number "
               "the rows instead.";
        QTest::newRow("date in the wrong format")
            << QByteArray("Date,Close\n2020-01-01,1\n01/02/2020,2\n") << "Close" << "error"
            << "F:3:1 (column \"Date\"): \"01/02/2020\" is not a time in this column's format (ISO dates (YYYY-MM-DD)); give the "
               "format with --time-format.";
        QTest::newRow("impossible date")
            << QByteArray("Date,Close\n2021-02-28,1\n2021-02-29,2\n") << "Close" << "error"
            << "F:3:1 (column \"Date\"): \"2021-02-29\" is not a time in this column's format (ISO dates (YYYY-MM-DD)); give the "
               "format with --time-format.";
        QTest::newRow("comma decimal in a semicolon file")
            << QByteArray("Datum;Schluss\n2020-01-01;1,5\n2020-01-02;2.5\n") << "Schluss" << "error"
            << "F:2:2 (column \"Schluss\"): \"1,5\" is not a number; add --decimal ,.";
        QTest::newRow("quote inside an unquoted field")
            << QByteArray("Date,Note,Close\n2020-01-01,5'10\",1\n") << "Close" << "error"
            << "F:2:2 (column \"Note\"): a quote inside an unquoted field; enclose the whole field in quotes and double the quotes inside it.";
        QTest::newRow("text after a closing quote")
            << QByteArray("Date,Note,Close\n2020-01-01,\"a\"b,1\n") << "Close" << "error"
            << "F:2:2 (column \"Note\"): unexpected 'b' after the closing quote; a quoted field must end at a delimiter or line break.";
        QTest::newRow("line numbers after a quoted line break (LF)")
            << QByteArray("Date,Note,Close\n2020-01-01,\"a\nb\nc\",1\n2020-01-02,x,abc\n") << "Close" << "error"
            << "F:5:3 (column \"Close\"): \"abc\" is not a number.";
        QTest::newRow("line numbers after a quoted line break (CRLF)")
            << QByteArray("Date,Note,Close\r\n2020-01-01,\"a\r\nb\",1\r\n2020-01-02,x,abc\r\n") << "Close" << "error"
            << "F:4:3 (column \"Close\"): \"abc\" is not a number.";
        QTest::newRow("line numbers with CR only")
            << QByteArray("Date,Close\r2020-01-01,1\r2020-01-02,abc\r") << "Close" << "error"
            << "F:3:2 (column \"Close\"): \"abc\" is not a number.";
        QTest::newRow("line numbers with CRLF")
            << QByteArray("Date,Close\r\n2020-01-01,1\r\n2020-01-02,abc\r\n") << "Close" << "error"
            << "F:3:2 (column \"Close\"): \"abc\" is not a number.";
        QTest::newRow("line numbers after blank lines")
            << QByteArray("Date,Close\n\n2020-01-01,1\n\r\n2020-01-02,abc\n") << "Close" << "error"
            << "F:5:2 (column \"Close\"): \"abc\" is not a number.";
        QTest::newRow("used column absent")
            << QByteArray("Date,Close\n2020-01-01,1\n") << "Clsoe" << "error"
            << "F:1: there is no column \"Clsoe\" in the header; the columns are Date, Close.";
        QTest::newRow("line break in a header name (found by fuzzing)")
            << QByteArray("Date,\"Close\nprice\"\n2020-01-01\n") << "" << "error"
            << "F:3:2 (column \"Close\\nprice\"): the row has 1 fields but the header has 2 columns.";
        QTest::newRow("control characters in a cell (found by fuzzing)")
            << QByteArray("Date,Close\n2020-01-01,\"1\r\n2\t\x01\"\n") << "Close" << "error"
            << "F:2:2 (column \"Close\"): \"1\\r\\n2\\t\\x01\" is not a number.";
        QTest::newRow("Windows-1252 byte in a text cell")
            << QByteArray("Date,Close,Note\n2020-01-01,1,caf\xE9\n") << "Close" << "error"
            << "F:2:3 (column \"Note\"): the byte 0xE9 after \"caf\" is not UTF-8 (the file looks like Windows-1252 or "
               "Latin-1); save it as UTF-8, or decode with --encoding latin1.";
        QTest::newRow("day and month ambiguous")
            << QByteArray("Date,Close\n01/02/2020,1\n02/02/2020,2\n") << "Close" << "error"
            << "F:2:1 (column \"Date\"): the dates from \"01/02/2020\" to \"02/02/2020\" read both day first and month "
               "first (no day above 12 in the first 2 rows); add --time-format DMY or --time-format MDY.";
        QTest::newRow("day first and month first mixed")
            << QByteArray("Date,Close\n13/01/2020,1\n01/14/2020,2\n") << "Close" << "error"
            << "F:3:1 (column \"Date\"): \"01/14/2020\" is month first but \"13/01/2020\" on line 2 is day first; give the "
               "format with --time-format.";
        QTest::newRow("every row dropped")
            << QByteArray("Date,Close\n2020-01-01,NA\n2020-01-02,\n") << "Close" << "drop"
            << "F: every one of the 2 data rows has a missing value in a used column (first on line 2); nothing is left to load.";
    }
    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, used);
        QFETCH(QString, missing);
        QFETCH(QString, expected);
        lstmlab::test::TempDir dir;
        const std::string path = write_file(dir, content);
        QString message;
        try {
            lstmlab::load_csv(path, options_for(used, missing));
        } catch (const lstmlab::Error& error) {
            message = QString::fromStdString(error.what());
        }
        QVERIFY(expected.startsWith('F'));
        QCOMPARE(message, expected.replace(0, 1, QString::fromStdString(path)));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestCsvErrors)

}  // namespace tst_csv_errors
#include "tst_csv_errors.moc"
