// Soak: 20 consecutive train -> stop -> export cycles in the real workbench window, as a user clicks
// them, must not grow the process: the thread count and the open file descriptors come back to the
// same numbers (or fewer) after every cycle, and resident memory stays flat (the median of the last five cycles
// within 16 MiB of the first five's; not asserted under AddressSanitizer, whose quarantine holds freed
// memory on purpose: there the suite runs 10 cycles for the thread and descriptor counts, which a leak
// of one per cycle already breaks, and LeakSanitizer checks the heap at exit). Two warm-up cycles first: the first run creates the caches, charts and thread
// pools that every later run reuses. The figures of every cycle are printed (qInfo).
#include "engine/io/checkpoint.h"
#include "tests/ui/gui_test_support.h"
#include "ui/controller/training_controller.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "ui/model/model_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/train_view.h"
#include "test_main.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSpinBox>
#include "sanitizer.h"

#include <QtTest>

#include <algorithm>
#include <vector>

namespace tst_soak {

#if defined(LSTMLAB_ASAN)
constexpr bool memory_is_measurable = false;
#else
constexpr bool memory_is_measurable = true;
#endif

using namespace lstmlab;
using namespace lstmlab::ui;

namespace {

struct ProcessFigures {
    qint64 rss_kib = 0;
    int threads = 0;
    int open_files = 0;
};

// From /proc/self: VmRSS and Threads of status, the entries of fd/.
ProcessFigures measure()
{
    ProcessFigures figures;
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                figures.rss_kib = line.mid(6).trimmed().split(' ').first().toLongLong();
            else if (line.startsWith("Threads:"))
                figures.threads = line.mid(8).trimmed().toInt();
        }
    }
    figures.open_files = int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System).size());
    return figures;
}

// The median resident size of cycles [from, to).
qint64 median_rss(const std::vector<ProcessFigures>& cycles, std::size_t from, std::size_t to)
{
    std::vector<qint64> values;
    for (std::size_t k = from; k < to; ++k)
        values.push_back(cycles[k].rss_kib);
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class TestSoak : public QObject {
    Q_OBJECT
private slots:
    void init() { test::useTestSettings(); }

    void twentyTrainStopExportCycles()
    {
        constexpr int warm_up = 2;
        constexpr int cycles = memory_is_measurable ? 20 : 10;
        test::TempDir dir;
        const QString checkpoint = QString::fromStdString(dir.file("soak.safetensors"));
        const QString predictions = QString::fromStdString(dir.file("soak.csv"));
        MainWindow w;
        w.show();
        w.openDataFile(test::sampleCsv());
        QVERIFY(QTest::qWaitFor([&] { return w.dataView()->loadedData() != nullptr; }, 60000));
        QTest::mouseClick(w.modelView()->findChild<QPushButton*>(QStringLiteral("preset_attention")), Qt::LeftButton);
        w.trainView()->form()->epochsBox()->setValue(1000);

        std::vector<ProcessFigures> after;
        for (int cycle = 0; cycle < warm_up + cycles; ++cycle) {
            QSignalSpy progress(w.controller(), &TrainingController::progress);
            QSignalSpy finished(w.controller(), &TrainingController::runFinished);
            QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
            QVERIFY2(QTest::qWaitFor([&] { return progress.count() >= 3; }, 60000), "no progress");
            QTest::mouseClick(w.trainView()->stopButton(), Qt::LeftButton);
            QVERIFY(finished.wait(60000) || finished.count() > 0);
            QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 60000));

            QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
            w.exportCheckpoint(checkpoint);
            QVERIFY(saved.wait(60000) || saved.count() > 0);
            QVERIFY(QFile::remove(predictions) || !QFile::exists(predictions));
            w.exportPredictions(predictions);
            QVERIFY(QFile::exists(predictions));
            QTest::qWait(50);   // deferred deletions and chart timers run
            const ProcessFigures f = measure();
            qInfo("cycle %2d%s: %lld KiB resident, %d threads, %d open files", cycle + 1, cycle < warm_up ? " (warm-up)" : "",
                  static_cast<long long>(f.rss_kib), f.threads, f.open_files);
            if (cycle >= warm_up)
                after.push_back(f);
        }
        QVERIFY(load_checkpoint(checkpoint.toStdString()).training.has_value());

        // Never more than after the first measured cycle. Fewer is fine: an idle QThreadPool thread
        // (the data loader's) ends after 30 s with its event descriptors, which a slow (sanitizer)
        // run reaches.
        for (const ProcessFigures& f : after) {
            QVERIFY2(f.threads <= after.front().threads, qPrintable(QString("%1 threads").arg(f.threads)));
            QVERIFY2(f.open_files <= after.front().open_files, qPrintable(QString("%1 open files").arg(f.open_files)));
        }
        // Medians: glibc's arenas make single 8 MiB steps up and down between cycles; a leak
        // moves the whole tail.
        const qint64 first = median_rss(after, 0, 5);
        const qint64 last = median_rss(after, after.size() - 5, after.size());
        qInfo("resident memory: first five cycles %lld KiB, last five %lld KiB (%+lld KiB); threads %d; open files %d",
              static_cast<long long>(first), static_cast<long long>(last), static_cast<long long>(last - first),
              after.front().threads, after.front().open_files);
        if (memory_is_measurable)
            QVERIFY2(last - first <= 16 * 1024, qPrintable(QString("grew by %1 KiB").arg(last - first)));
    }
};

LSTMLAB_TEST_MAIN(TestSoak)

}  // namespace tst_soak
#include "tst_soak.moc"
