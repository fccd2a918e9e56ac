// Run folders (R11): run.json is always whole, metrics.csv keeps every complete epoch, a torn last row
// (a kill mid-write) is reported, not silently dropped, and anything else wrong is an error naming the line.
#include "engine/core/error.h"
#include "engine/io/run_folder.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <fstream>

namespace tst_run_folder {

using namespace lstmlab;
using lstmlab::test::TempDir;

namespace {

EpochRecord epoch(int n)
{
    EpochRecord r;
    r.epoch = n;
    r.train_loss = 1.0 / n;
    r.validation_loss = n == 2 ? not_measured : 2.0 / n;
    r.learning_rate = 1e-3;
    r.gradient_norm = 0.1 * n;
    r.seconds = 0.5;
    return r;
}

void append_raw(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << text;
}

} // namespace

class TestRunFolder : public QObject {
    Q_OBJECT
private slots:
    void writeAndReadBack()
    {
        TempDir dir;
        Json info = Json::object();
        info.set("status", "running");
        RunFolder folder(dir.file("run"), info, {epoch(1)});
        folder.append_epoch(epoch(2));
        folder.append_epoch(epoch(3));
        info.set("status", "finished");
        folder.update_info(info);
        const RunRecord record = RunFolder::read(dir.file("run"));
        QCOMPARE(int(record.epochs.size()), 3);
        QCOMPARE(record.epochs[2].train_loss, 1.0 / 3);          // exact: shortest round-trip text
        QVERIFY(std::isnan(record.epochs[1].validation_loss));   // empty cell = not measured
        QCOMPARE(record.epochs[0].gradient_norm, 0.1);
        QVERIFY(record.torn_row.empty());
        QCOMPARE(get_string(*record.info.find("status"), "status"), std::string("finished"));
    }

    void tornLastRowIsReported()
    {
        TempDir dir;
        RunFolder folder(dir.file("run"), Json::object(), {epoch(1), epoch(2)});
        append_raw(dir.file("run/metrics.csv"), "3,0.33,0.6");   // killed mid-write: no newline
        const RunRecord record = RunFolder::read(dir.file("run"));
        QCOMPARE(int(record.epochs.size()), 2);
        QVERIFY2(record.torn_row.find("metrics.csv:4: the last row is incomplete") != std::string::npos,
                 record.torn_row.c_str());
    }

    void damageElsewhereIsAnError_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString header = "epoch,train_loss,validation_loss,learning_rate,gradient_norm,seconds\n";
        QTest::newRow("bad header") << "epoch,loss\n1,2\n" << "metrics.csv:1: the header is not";
        QTest::newRow("garbage in the middle") << header + "1,1,1,1,1,1\nxx\n2,1,1,1,1,1\n" << "metrics.csv:3: \"xx\" is not a metrics row";
        QTest::newRow("epochs out of order") << header + "1,1,1,1,1,1\n3,1,1,1,1,1\n" << "metrics.csv:3: epoch 3 follows epoch 1";
    }
    void damageElsewhereIsAnError()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        TempDir dir;
        RunFolder folder(dir.file("run"), Json::object(), {});
        std::ofstream(dir.file("run/metrics.csv"), std::ios::binary | std::ios::trunc) << text.toStdString();
        try {
            RunFolder::read(dir.file("run"));
            QFAIL("read a damaged metrics.csv");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains(message), error.what());
        }
    }

    void missingFolderIsExplained()
    {
        TempDir dir;
        try {
            RunFolder::read(dir.file("nothing"));
            QFAIL("read a folder that does not exist");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("is \"" + QString::fromStdString(dir.file("nothing")) + "\" a run folder?"), error.what());
        }
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestRunFolder)

}  // namespace tst_run_folder
#include "tst_run_folder.moc"
