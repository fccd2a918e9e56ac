// lstmlab::Error keeps its one-line contract whatever the message quotes: control characters from
// the input (a CSV header's quoted line break, "\n" in a sweep file's key -- both found by fuzzing)
// come out escaped. Expected strings are written by hand from the rule in error.h.
#include "engine/core/error.h"
#include "test_main.h"

#include <QtTest>

namespace tst_error {

class TestError : public QObject {
    Q_OBJECT
private slots:
    void controlCharactersAreEscaped_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("m.csv:3:2 (column \"Close\"): \"abc\" is not a number.")
                               << QByteArray("m.csv:3:2 (column \"Close\"): \"abc\" is not a number.");
        QTest::newRow("line breaks") << QByteArray("configurations[0].hidd\n-size: \"hidd\r\n-size\" is not an option")
                                     << QByteArray("configurations[0].hidd\\n-size: \"hidd\\r\\n-size\" is not an option");
        QTest::newRow("tab, NUL, ESC, DEL") << QByteArray("a\tb\0c\x1b[31md\x7f", 12)
                                            << QByteArray("a\\tb\\x00c\\x1B[31md\\x7F");
        QTest::newRow("UTF-8 kept") << QByteArray("Schlusskurs \xE2\x82\xAC") << QByteArray("Schlusskurs \xE2\x82\xAC");
    }
    void controlCharactersAreEscaped()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, expected);
        const lstmlab::Error error(message.toStdString());
        QCOMPARE(QByteArray(error.what()), expected);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestError)

}  // namespace tst_error
#include "tst_error.moc"
