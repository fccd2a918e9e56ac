// The real-shape CSV corpus (tests/data/csv_corpus, written by tests/data/make_csv_corpus.py): every
// manifest entry is loaded with its import options and used columns, and must give exactly the
// expected frame -- row count, time column and format, first and last time label, first and last value
// of the target in time order, the sentences of the import report -- or exactly the expected refusal.
// Loading again with the settled options (LoadReport::effective, what a checkpoint stores) must give
// the same frame: that is how predict and evaluate read new data.
#include "engine/core/error.h"
#include "engine/data/csv_load.h"
#include "test_support.h"
#include "test_main.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <fstream>
#include <sstream>

namespace tst_csv_corpus {

using namespace lstmlab;

namespace {

QJsonArray manifest()
{
    std::ifstream in(test::source_path("tests/data/csv_corpus/manifest.json"), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return QJsonDocument::fromJson(QByteArray::fromStdString(text.str())).array();
}

LoadOptions options_of(const QJsonObject& entry)
{
    LoadOptions options;
    const QJsonObject csv = entry["options"].toObject();
    for (auto it = csv.begin(); it != csv.end(); ++it)
        set_csv_option(options.csv, it.key().toStdString(), it.value().toString().toStdString());
    for (const auto& name : entry["used"].toArray())
        options.used_columns.push_back(name.toString().toStdString());
    return options;
}

} // namespace

class TestCsvCorpus : public QObject {
    Q_OBJECT

private slots:
    void corpusIsLargeEnough()
    {
        const QJsonArray entries = manifest();
        QSet<QString> files;
        for (const auto& entry : entries)
            files.insert(entry.toObject()["file"].toString());
        QVERIFY2(files.size() >= 25, qPrintable(QString::number(files.size())));
    }

    void entry_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        const QJsonArray entries = manifest();
        for (const auto& value : entries) {
            const QJsonObject entry = value.toObject();
            const QString name = entry["file"].toString() + " " + QJsonDocument(entry["options"].toObject()).toJson(QJsonDocument::Compact);
            QTest::newRow(qPrintable(name)) << entry;
        }
    }

    void entry()
    {
        QFETCH(QJsonObject, entry);
        const std::string path = test::source_path("tests/data/csv_corpus/" + entry["file"].toString().toStdString());
        const LoadOptions options = options_of(entry);
        if (entry.contains("error")) {
            QString message;
            try {
                load_csv(path, options);
            } catch (const Error& error) {
                message = QString::fromUtf8(error.what()).replace(QString::fromStdString(path), "F");
            }
            QCOMPARE(message, entry["error"].toString());
            return;
        }
        const LoadResult result = load_csv(path, options);
        const QJsonObject expect = entry["expect"].toObject();
        const Frame& frame = result.frame;
        QCOMPARE(qsizetype(frame.rows()), qsizetype(expect["rows"].toInt()));
        const QString time_column = expect["time_column"].toString();
        if (time_column.isEmpty()) {
            QCOMPARE(frame.time.column, -1);
            QCOMPARE(QString::fromStdString(frame.row_label(0)), expect["first_time"].toString());
        } else {
            QVERIFY(frame.time.column >= 0);
            QCOMPARE(QString::fromStdString(frame.columns[std::size_t(frame.time.column)].name), time_column);
            QCOMPARE(QString::fromStdString(csv_option_text(result.report.effective, "time-format")),
                     expect["time_format"].toString());
            QCOMPARE(QString::fromStdString(std::string(frame.time.label(0))), expect["first_time"].toString());
            QCOMPARE(QString::fromStdString(std::string(frame.time.label(frame.rows() - 1))), expect["last_time"].toString());
            for (std::size_t r = 1; r < frame.rows(); ++r)
                QVERIFY(frame.time.keys[r] > frame.time.keys[r - 1]);
        }
        const Column& target = frame.numeric_column(entry["target"].toString().toStdString());
        QCOMPARE(target.values.front(), expect["first"].toDouble());
        QCOMPARE(target.values.back(), expect["last"].toDouble());
        QStringList notes;
        for (const std::string& note : result.report.notes)
            notes << QString::fromStdString(note);
        for (const auto& wanted : expect["notes"].toArray()) {
            const bool found = std::any_of(notes.begin(), notes.end(), [&](const QString& n) { return n.contains(wanted.toString()); });
            QVERIFY2(found, qPrintable(wanted.toString() + " not in: " + notes.join(" | ")));
        }

        // The settled options read the file the same way (what predict does with a checkpoint's options).
        LoadOptions again = options;
        again.csv = result.report.effective;
        const LoadResult second = load_csv(path, again);
        QCOMPARE(second.frame.rows(), frame.rows());
        QCOMPARE(second.frame.numeric_column(target.name).values, target.values);
        QCOMPARE(second.frame.time.keys, frame.time.keys);
        QVERIFY(second.report.effective == result.report.effective);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCsvCorpus)

}  // namespace tst_csv_corpus
#include "tst_csv_corpus.moc"
