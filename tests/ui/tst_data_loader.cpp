// DataLoader (R8): a CSV loads off the GUI thread with progress; a large file is cancelled promptly
// at the user's request; a broken file reports the reader's sentence; a new load replaces one in
// progress without delivering the stale result.
#include "tests/support/test_support.h"
#include "ui/controller/data_loader.h"
#include "test_main.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>

namespace tst_data_loader {

using lstmlab::ui::DataLoader;
using lstmlab::ui::LoadedDataPtr;

class TestDataLoader : public QObject {
    Q_OBJECT
private:
    lstmlab::test::TempDir m_dir;
    QString m_big;

    // ~60 MB of OHLCV-like rows: large enough that loading takes far longer than a cancel.
    QString bigFile()
    {
        if (!m_big.isEmpty())
            return m_big;
        m_big = QString::fromStdString(m_dir.file("big.csv"));
        QFile file(m_big);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write("Date,Open,High,Low,Close,Volume\n");
        QByteArray chunk;
        for (int r = 0; r < 1200000; ++r) {
            chunk += QByteArray::number(r) + ",101.25,102.5,100.75,101.5,1234567\n";
            if (chunk.size() > (1 << 20)) {
                file.write(chunk);
                chunk.clear();
            }
        }
        file.write(chunk);
        return m_big;
    }

private slots:
    void loadsWithProgress()
    {
        DataLoader loader;
        QSignalSpy loaded(&loader, &DataLoader::loaded);
        QSignalSpy progress(&loader, &DataLoader::progress);
        loader.load(QString::fromStdString(lstmlab::test::source_path("resources/data/eustockmarkets.csv")));
        QVERIFY(loaded.wait(30000));
        const auto data = qvariant_cast<LoadedDataPtr>(loaded.first().first());
        QCOMPARE(data->result.frame.rows(), std::size_t(1860));
        QCOMPARE(data->sha256.size(), std::size_t(64));
        QVERIFY(!progress.isEmpty());
        QVERIFY(!loader.isLoading());
    }

    void cancelStopsALargeLoad()
    {
        const QString path = bigFile();
        QVERIFY(!path.isEmpty());
        DataLoader loader;
        QSignalSpy cancelled(&loader, &DataLoader::cancelled);
        QSignalSpy loaded(&loader, &DataLoader::loaded);
        QSignalSpy progress(&loader, &DataLoader::progress);
        loader.load(path);
        QVERIFY(progress.wait(30000));
        QElapsedTimer clock;
        clock.start();
        loader.cancel();
        QVERIFY(cancelled.wait(30000));
        qInfo("cancel acknowledged after %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY(loaded.isEmpty());
    }

    void newLoadReplacesTheRunningOne()
    {
        DataLoader loader;
        QSignalSpy loaded(&loader, &DataLoader::loaded);
        loader.load(bigFile());
        loader.load(QString::fromStdString(lstmlab::test::source_path("resources/data/ohlcv_sample.csv")));
        QVERIFY(loaded.wait(30000));
        QTest::qWait(100);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(qvariant_cast<LoadedDataPtr>(loaded.first().first())->result.frame.rows(), std::size_t(5550));
    }

    void brokenFileReportsTheReadersSentence()
    {
        const QString path = QString::fromStdString(m_dir.file("ragged.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Date,Close\n2020-01-01,1\n2020-01-02,2,9\n");
        file.close();
        DataLoader loader;
        QSignalSpy failed(&loader, &DataLoader::failed);
        loader.load(path);
        QVERIFY(failed.wait(30000));
        const QString sentence = failed.first().at(1).toString();
        QVERIFY2(sentence.startsWith(path + QStringLiteral(":3:")), qPrintable(sentence));
    }

    void destroyingMidLoadJoinsTheThread()
    {
        auto* loader = new DataLoader;
        QSignalSpy progress(loader, &DataLoader::progress);
        loader->load(bigFile());
        QVERIFY(progress.wait(30000));
        QElapsedTimer clock;
        clock.start();
        delete loader;   // cancels and joins
        QVERIFY(clock.elapsed() < 2000);
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestDataLoader)

}  // namespace tst_data_loader
#include "tst_data_loader.moc"
