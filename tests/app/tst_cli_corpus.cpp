// Round trip of every accepted shape of the CSV corpus (tests/data/csv_corpus/manifest.json) through
// the CLI, as a user would: train a tiny model for one epoch with the entry's import options, then
// predict on the same file with the checkpoint alone (the checkpoint's pipeline carries the settled
// import options). The predictions must end on the file's last time with its last target value, in
// time order; inspect must print the flags that reproduce the options.
#include "cli_runner.h"
#include "test_main.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace tst_cli_corpus {

using lstmlab::test::run_cli;

namespace {

QString corpus(const QString& file) { return QString::fromUtf8(qgetenv("LSTMLAB_SOURCE_DIR")) + "/tests/data/csv_corpus/" + file; }

QStringList import_flags(const QJsonObject& entry)
{
    QStringList flags;
    const QJsonObject options = entry["options"].toObject();
    for (auto it = options.begin(); it != options.end(); ++it)
        flags << "--" + it.key() << it.value().toString();
    return flags;
}

} // namespace

class TestCliCorpus : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        QFile file(corpus("manifest.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        for (const auto& value : QJsonDocument::fromJson(file.readAll()).array()) {
            const QJsonObject entry = value.toObject();
            if (entry.contains("expect"))
                QTest::newRow(qPrintable(entry["file"].toString() + " " + import_flags(entry).join(' '))) << entry;
        }
    }

    void roundTrip()
    {
        QFETCH(QJsonObject, entry);
        QTemporaryDir dir;
        const QString data = corpus(entry["file"].toString());
        const QString checkpoint = dir.filePath("model.safetensors");
        const QString predictions = dir.filePath("predictions.csv");
        QStringList used;
        for (const auto& name : entry["used"].toArray())
            used << name.toString();
        const auto trained = run_cli(QStringList{"train", "--data", data, "--target", entry["target"].toString(), "--features",
                                                 used.join(','), "--hidden", "4", "--epochs", "1", "--seq-len", "3",
                                                 "--batch-size", "16", "--out", checkpoint, "--quiet"}
                                     + import_flags(entry));
        QVERIFY2(trained.exit_code == 0, qPrintable(trained.err));
        const auto predicted = run_cli({"predict", "--checkpoint", checkpoint, "--data", data, "--out", predictions});
        QVERIFY2(predicted.exit_code == 0, qPrintable(predicted.err));
        QVERIFY2(!predicted.err.contains("is not the file"), qPrintable(predicted.err));

        QFile out(predictions);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(out.readAll()).split('\n', Qt::SkipEmptyParts);
        const QJsonObject expect = entry["expect"].toObject();
        const QString time_column = expect["time_column"].toString();
        QCOMPARE(lines.first().section(',', 0, 0), time_column.isEmpty() ? QString("row") : time_column);
        QCOMPARE(lines.size(), expect["rows"].toInt() - 3 + 1);  // one window per row after the first T = 3
        const QStringList last = lines.last().split(',');
        QCOMPARE(last[0], expect["last_time"].toString());
        QCOMPARE(last[2].toDouble(), expect["last"].toDouble());

        const auto inspected = run_cli(QStringList{"inspect", "--data", data} + import_flags(entry));
        QVERIFY2(inspected.exit_code == 0, qPrintable(inspected.err));
        const QString options = inspected.out.section("Options  ", 1, 1).section('\n', 0, 0);
        QVERIFY2(options.contains("--time-format " + expect["time_format"].toString()), qPrintable(options));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliCorpus)

}  // namespace tst_cli_corpus
#include "tst_cli_corpus.moc"
