// What the workbench holds and says, driven through the real window: no export before a model
// exists; after training on one file and opening another, nothing of the first file's model can be
// exported under the second file's name, the views say whose results they show, and the session
// saved on close restores without an error; every action's notice is shown, a success clears
// itself after a few seconds, a failure stays until the next success; the run's final state is
// named ("Early-stopped at epoch 13 · best 3", "Stopped by the user after epoch N").
#include "tests/ui/gui_test_support.h"
#include "ui/controller/training_controller.h"
#include "ui/controller/workbench_state.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "ui/model/model_view.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/results_view.h"
#include "ui/results/time_series_chart.h"
#include "ui/status_strip.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/train_view.h"
#include "test_main.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

namespace tst_workbench_state {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestWorkbenchState : public QObject {
    Q_OBJECT
private:
    static bool waitLoaded(MainWindow& w, const QString& path)
    {
        return QTest::qWaitFor([&] {
            const LoadedDataPtr data = w.dataView()->loadedData();
            return data && !w.dataView()->isLoading() && QFileInfo(data->path) == QFileInfo(path);
        }, 60000);
    }

    // A small one-column series the sample's 5-feature model cannot read (no Open/High/Low/Volume).
    static QString writeOtherCsv(const test::TempDir& dir)
    {
        const QString path = QString::fromStdString(dir.file("other_series.csv"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write("date,level\n");
        QDate day(2001, 1, 1);
        for (int i = 0; i < 400; ++i, day = day.addDays(1))
            file.write(QStringLiteral("%1,%2\n").arg(day.toString(Qt::ISODate)).arg(100 + 10 * std::sin(i / 7.0) + i * 0.05).toUtf8());
        return path;
    }

    static bool train(MainWindow& w, int epochs)
    {
        w.trainView()->form()->epochsBox()->setValue(epochs);
        QSignalSpy finished(w.controller(), &TrainingController::runFinished);
        QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
        return finished.wait(300000) && QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000);
    }

    static bool exportsEnabled(MainWindow& w)
    {
        return w.exportCheckpointAction()->isEnabled() || w.exportPredictionsAction()->isEnabled() ||
               w.saveImagesAction()->isEnabled() || w.resultsView()->exportCheckpointButton()->isEnabled() ||
               w.resultsView()->exportPredictionsButton()->isEnabled() || w.resultsView()->saveImagesButton()->isEnabled();
    }

private slots:
    void initTestCase() { test::useTestSettings(); }

    void noExportBeforeAModelExists()
    {
        MainWindow w;
        w.openDataFile(test::sampleCsv());
        QVERIFY(waitLoaded(w, test::sampleCsv()));
        QVERIFY(!exportsEnabled(w));
        QVERIFY(!w.state()->hasModel());
        QVERIFY(w.exportCheckpointAction()->statusTip().contains(QLatin1String("no model yet")));
        // The action without its dialog refuses at once, in one sentence, and writes nothing.
        test::TempDir dir;
        const QString path = QString::fromStdString(dir.file("model.safetensors"));
        QSignalSpy errors(&w, &MainWindow::errorShown);
        w.exportCheckpoint(path);
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(QLatin1String("no model yet")));
        QCOMPARE(w.statusStrip()->notice(), StatusStrip::Notice::Failure);
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 5000));
        QVERIFY(!QFileInfo::exists(path));
    }

    void anotherFileNeverExportsThePreviousModel()
    {
        test::TempDir dir;
        const QString other = writeOtherCsv(dir);
        QVERIFY(!other.isEmpty());
        {
            MainWindow w;
            w.openDataFile(test::sampleCsv());
            QVERIFY(waitLoaded(w, test::sampleCsv()));
            QVERIFY(train(w, 1));
            QVERIFY(w.exportCheckpointAction()->isEnabled());
            QVERIFY(w.resultsView()->exportPredictionsButton()->isEnabled());
            QVERIFY(w.windowTitle().startsWith(QLatin1String("ohlcv_sample.csv")));

            w.openDataFile(other);
            QVERIFY(waitLoaded(w, other));
            QVERIFY(w.state()->isStale());
            QVERIFY(!exportsEnabled(w));
            for (const QString& note : {w.resultsView()->staleNote(), w.trainView()->staleNote(), w.exportCheckpointAction()->statusTip()}) {
                QVERIFY2(note.contains(QLatin1String("ohlcv_sample.csv")) && note.contains(QLatin1String("other_series.csv")),
                         qPrintable(note));
            }
            QVERIFY(w.statusStrip()->trainingText().contains(QLatin1String("previous file")));
            QVERIFY(w.windowTitle().startsWith(QLatin1String("other_series.csv")));
            QVERIFY2(w.statusStrip()->dataText().contains(QStringLiteral("· 1 feature →")), qPrintable(w.statusStrip()->dataText()));
            QVERIFY(!w.trainView()->moreButton()->isEnabled());   // continuing would train on the sample
            // Called without their dialogs, the actions still refuse and write nothing.
            const QString checkpoint = QString::fromStdString(dir.file("stale.safetensors"));
            const QString predictions = QString::fromStdString(dir.file("stale.csv"));
            QSignalSpy errors(&w, &MainWindow::errorShown);
            w.exportCheckpoint(checkpoint);
            w.exportPredictions(predictions);
            w.saveChartImages(QString::fromStdString(dir.path()));
            QCOMPARE(errors.count(), 3);
            QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 5000));
            QVERIFY(!QFileInfo::exists(checkpoint));
            QVERIFY(!QFileInfo::exists(predictions));
            QVERIFY(!QFileInfo::exists(QString::fromStdString(dir.file("predictions.png"))));
            w.close();   // saves the last session: the other file, without the sample's model
        }
        {
            // The next start restores the pair it saved: the other file, no model, no error.
            MainWindow w;
            QSignalSpy errors(&w, &MainWindow::errorShown);
            QSignalSpy opened(w.controller(), &TrainingController::checkpointOpened);
            w.start();
            QVERIFY(waitLoaded(w, other));
            QTest::qWait(1500);
            QCOMPARE(errors.count(), 0);
            QCOMPARE(opened.count(), 0);
            QVERIFY(!w.state()->hasModel());
            QVERIFY(!exportsEnabled(w));
        }
    }

    void reopeningTheModelsFileEnablesExportsAgain()
    {
        test::TempDir dir;
        const QString other = writeOtherCsv(dir);
        MainWindow w;
        w.openDataFile(test::sampleCsv());
        QVERIFY(waitLoaded(w, test::sampleCsv()));
        QVERIFY(train(w, 1));
        w.openDataFile(other);
        QVERIFY(waitLoaded(w, other));
        QVERIFY(!exportsEnabled(w));
        QVERIFY(!w.trainView()->moreButton()->isEnabled());
        w.openDataFile(test::sampleCsv());
        QVERIFY(waitLoaded(w, test::sampleCsv()));
        QVERIFY(!w.state()->isStale());
        QVERIFY(w.exportCheckpointAction()->isEnabled());
        QVERIFY(w.resultsView()->staleNote().isEmpty());
        const QString path = QString::fromStdString(dir.file("again.safetensors"));
        QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
        w.exportCheckpoint(path);
        QVERIFY(saved.wait(60000));
        QVERIFY(QFileInfo::exists(path));
        // Results at the window's usual size: the heatmap gets room for its hundreds of windows.
        w.resize(1440, 870);
        w.show();
        w.steps()->setCurrentWidget(w.resultsView());
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(w.resultsView()->heatmap()->height() >= ResultsView::minimumHeatmapHeight,
                 qPrintable(QString::number(w.resultsView()->heatmap()->height())));
        QVERIFY(w.resultsView()->predictionChart()->title().startsWith(QLatin1String("Change from the last known value")));
    }

    void everyActionsNoticeIsShownThenCleared()
    {
        test::TempDir dir;
        MainWindow w;
        StatusStrip* status = w.statusStrip();
        QSignalSpy started(w.dataView(), &DataView::loadStarted);
        w.openDataFile(test::sampleCsv());
        QCOMPARE(started.count(), 1);
        QCOMPARE(status->notice(), StatusStrip::Notice::Busy);
        QVERIFY(status->noticeText().startsWith(QLatin1String("Loading ohlcv_sample.csv")));
        QVERIFY(waitLoaded(w, test::sampleCsv()));
        QCOMPARE(status->notice(), StatusStrip::Notice::Success);
        QVERIFY2(status->noticeText().startsWith(QLatin1String("Loaded ohlcv_sample.csv: 5,550 rows")), qPrintable(status->noticeText()));
        // A success clears itself after a few seconds.
        QVERIFY(QTest::qWaitFor([&] { return status->notice() == StatusStrip::Notice::None; }, StatusStrip::successMs + 3000));
        QVERIFY(status->noticeText().isEmpty());

        QVERIFY(train(w, 1));
        QCOMPARE(status->trainingText(), QStringLiteral("Finished · 1 epoch · best 1"));

        // Saving: the notice says so while it runs, then names the file; "Working…" never stays.
        const QString checkpoint = QString::fromStdString(dir.file("m.safetensors"));
        QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
        w.exportCheckpoint(checkpoint);
        QCOMPARE(status->notice(), StatusStrip::Notice::Busy);
        QVERIFY(status->noticeText().startsWith(QLatin1String("Saving checkpoint m.safetensors")));
        QVERIFY(saved.wait(60000));
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 5000));
        QCOMPARE(status->notice(), StatusStrip::Notice::Success);
        QVERIFY(status->noticeText().startsWith(QLatin1String("Checkpoint saved: ")));
        QVERIFY(!status->trainingText().contains(QLatin1String("Working")));

        // A failure stays (past the success time) until the next success replaces it, and the
        // Train tab's red text goes with it.
        w.steps()->setCurrentWidget(w.trainView());
        const QString nowhere = QString::fromStdString(dir.file("missing-folder/p.csv"));
        w.exportPredictions(nowhere);
        QCOMPARE(status->notice(), StatusStrip::Notice::Failure);
        QVERIFY(!w.trainView()->statusText().isEmpty());
        QTest::qWait(StatusStrip::successMs + 500);
        QCOMPARE(status->notice(), StatusStrip::Notice::Failure);
        const QString predictions = QString::fromStdString(dir.file("p.csv"));
        w.exportPredictions(predictions);
        QCOMPARE(status->notice(), StatusStrip::Notice::Success);
        QCOMPARE(status->noticeText(), QStringLiteral("Predictions saved: %1").arg(QDir::toNativeSeparators(predictions)));
        QVERIFY(w.trainView()->statusText().isEmpty());

        w.saveChartImages(QString::fromStdString(dir.path()));
        QCOMPARE(status->notice(), StatusStrip::Notice::Success);
        QVERIFY(status->noticeText().startsWith(QLatin1String("Chart images saved in ")));

        const QString experiment = QString::fromStdString(dir.file("e.lstmlab.json"));
        w.saveExperiment(experiment);
        QCOMPARE(status->notice(), StatusStrip::Notice::Success);
        QVERIFY(status->noticeText().startsWith(QLatin1String("Experiment saved: ")));
        QVERIFY(!w.isWindowModified());
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 60000));

        // A failed load: red notice, no "Working…" or "Loading…" left behind.
        const QString bad = QString::fromStdString(dir.file("bad.csv"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Date,Close\n2020-01-01,1\n2020-01-02,abc,3\n");
        file.close();
        QSignalSpy errors(&w, &MainWindow::errorShown);
        w.openDataFile(bad);
        QVERIFY(errors.wait(30000));
        QCOMPARE(status->notice(), StatusStrip::Notice::Failure);
        QVERIFY(status->noticeText().startsWith(bad + QStringLiteral(":3:")));

        // Opening a checkpoint: begins, then names the file.
        w.openCheckpoint(checkpoint);
        QCOMPARE(status->notice(), StatusStrip::Notice::Busy);
        QVERIFY(QTest::qWaitFor([&] { return status->notice() == StatusStrip::Notice::Success; }, 60000));
        QVERIFY2(status->noticeText().startsWith(QLatin1String("Opened m.safetensors")), qPrintable(status->noticeText()));
    }

    void finalStatesAreNamed()
    {
        ResultsSnapshot none;
        none.status = TrainStatus::stopped;
        QCOMPARE(runOutcome(none), QStringLiteral("Stopped by the user during epoch 1"));
        ResultsSnapshot r;
        r.history.resize(13);
        r.bestEpoch = 3;
        r.status = TrainStatus::early_stopped;
        QCOMPARE(runOutcome(r), QStringLiteral("Early-stopped at epoch 13 · best 3"));
        r.status = TrainStatus::finished;
        QCOMPARE(runOutcome(r), QStringLiteral("Finished · 13 epochs · best 3"));
        r.status = TrainStatus::stopped;
        QCOMPARE(runOutcome(r), QStringLiteral("Stopped by the user after epoch 13 · best 3"));

        // Through the window: the progress bar and the status line say how the run ended.
        MainWindow w;
        auto early = std::make_shared<ResultsSnapshot>();
        early->status = TrainStatus::early_stopped;
        early->history.resize(13);
        for (int e = 0; e < 13; ++e)
            early->history[std::size_t(e)].epoch = e + 1;
        early->bestEpoch = 3;
        early->statusText = QStringLiteral("Stopped early after 13 epochs.");
        emit w.controller()->runFinished(early);
        QCOMPARE(w.trainView()->progressBar()->format(), QStringLiteral("Early-stopped at epoch 13 · best 3"));
        QCOMPARE(w.trainView()->progressBar()->value(), w.trainView()->progressBar()->maximum());
        QCOMPARE(w.statusStrip()->trainingText(), QStringLiteral("Early-stopped at epoch 13 · best 3"));
    }

    void stopNamesTheUser()
    {
        MainWindow w;
        w.openDataFile(test::sampleCsv());
        QVERIFY(waitLoaded(w, test::sampleCsv()));
        w.trainView()->form()->epochsBox()->setValue(200);
        QSignalSpy epochs(w.controller(), &TrainingController::epochFinished);
        QSignalSpy finished(w.controller(), &TrainingController::runFinished);
        QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
        QVERIFY(epochs.wait(120000));
        QTest::mouseClick(w.trainView()->stopButton(), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        const QString format = w.trainView()->progressBar()->format();
        QVERIFY2(format.startsWith(QLatin1String("Stopped by the user after epoch ")), qPrintable(format));
        QVERIFY(!format.contains(QLatin1String("ETA")));
    }
};

LSTMLAB_TEST_MAIN(TestWorkbenchState)

}  // namespace tst_workbench_state
#include "tst_workbench_state.moc"
