// The real window, driven like a user: load the sample CSV, pick the attention preset, train 3
// epochs, then check what the views hold; export a checkpoint, reopen it, and compare predictions
// with the engine's forecast_split and with `lstmlab-cli predict` on the same checkpoint.
#include "engine/io/checkpoint.h"
#include "engine/train/forecast.h"
#include "engine/workflow/checkpoint_data.h"
#include "tests/ui/gui_test_support.h"
#include "ui/controller/training_controller.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "ui/model/model_view.h"
#include "ui/model/summary_table.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/results_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/loss_chart.h"
#include "ui/train/train_view.h"
#include "test_main.h"

#include <QDate>
#include <QFile>
#include <QLineSeries>
#include <QScatterSeries>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QProgressBar>
#include <QtTest>

namespace tst_workbench {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestWorkbench : public QObject {
    Q_OBJECT
private:
    static bool waitLoaded(MainWindow& w)
    {
        return QTest::qWaitFor([&] { return w.dataView()->loadedData() && !w.dataView()->isLoading(); }, 60000);
    }

    // Loads the sample, picks the attention preset and trains `epochs` epochs through the buttons.
    static bool trainAttention(MainWindow& w, int epochs)
    {
        w.openDataFile(test::sampleCsv());
        if (!waitLoaded(w))
            return false;
        QTest::mouseClick(w.modelView()->findChild<QPushButton*>(QStringLiteral("preset_attention")), Qt::LeftButton);
        w.trainView()->form()->epochsBox()->setValue(epochs);
        QSignalSpy finished(w.controller(), &TrainingController::runFinished);
        QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
        return finished.wait(300000) && QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000);
    }

    static bool saveCheckpoint(MainWindow& w, const QString& path)
    {
        QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
        w.exportCheckpoint(path);
        return saved.wait(60000);
    }

    static test::CliResult runCli(const QStringList& arguments)
    {
        QProcess cli;
        cli.start(QStringLiteral(LSTMLAB_CLI_PATH), arguments);
        test::CliResult result;
        if (cli.waitForFinished(300000)) {
            result.exitCode = cli.exitCode();
            result.err = QString::fromUtf8(cli.readAllStandardError());
        }
        return result;
    }

private slots:
    void initTestCase() { test::useTestSettings(); }

    void firstStartOpensTheBundledSample()
    {
        MainWindow w;
        w.start();
        QVERIFY(waitLoaded(w));
        // The seasonal sample (monthly CO2) with its run: 13-month windows of log returns, LSTM 16 + attention.
        QCOMPARE(w.dataView()->loadedData()->result.frame.rows(), std::size_t(468));
        const PipelineConfig pipeline = w.dataView()->pipelineConfig();
        QCOMPARE(pipeline.target.column, std::string("CO2"));
        QCOMPARE(pipeline.target.transform, Transform::LogReturn);
        QCOMPARE(pipeline.sequence_length, 13);
        QVERIFY(w.modelView()->spec().attention);
        QVERIFY((w.modelView()->spec().hidden == std::vector<int>{16}));
        QCOMPARE(w.trainView()->form()->epochsBox()->value(), 60);
        QVERIFY(w.trainView()->trainButton()->isEnabled());   // one click on Train works
    }

    void summaryFollowsEdits()
    {
        MainWindow w;
        w.openDataFile(test::sampleCsv());
        QVERIFY(waitLoaded(w));
        QTest::mouseClick(w.modelView()->findChild<QPushButton*>(QStringLiteral("preset_single")), Qt::LeftButton);
        // single = LSTM [32] on 5 features, horizon 1: 4*32*(5+32) + 2*4*32 + 32 + 1 = 5,025 (torch.nn.LSTM + Linear).
        QVERIFY2(w.modelView()->parameterText().startsWith(QLatin1String("5,025")), qPrintable(w.modelView()->parameterText()));
        QCOMPARE(w.modelView()->summaryTable()->rowCount(), 4);   // input, lstm, last step, fc
    }

    void trainExportReopenPredict()
    {
        MainWindow w;
        w.show();
        w.openDataFile(test::sampleCsv());
        QVERIFY(waitLoaded(w));
        QTest::mouseClick(w.modelView()->findChild<QPushButton*>(QStringLiteral("preset_attention")), Qt::LeftButton);
        QVERIFY(w.modelView()->spec().attention);
        w.trainView()->form()->epochsBox()->setValue(3);
        QSignalSpy finished(w.controller(), &TrainingController::runFinished);
        QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(300000));
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000));

        // Loss curves: 3 finite points each.
        LossChart* loss = w.trainView()->lossChart();
        loss->flush();
        QCOMPARE(loss->trainSeries()->count(), 3);
        QCOMPARE(loss->validationSeries()->count(), 3);
        for (QLineSeries* series : {loss->trainSeries(), loss->validationSeries()})
            for (const QPointF& p : series->points())
                QVERIFY(std::isfinite(p.y()) && p.y() > 0);
        QCOMPARE(loss->bestMarker()->count(), 1);
        // The progress bar ends full with the outcome, not a stale ETA.
        QProgressBar* bar = w.trainView()->progressBar();
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY2(bar->format().startsWith(QStringLiteral("Finished · 3 epochs · best ")), qPrintable(bar->format()));

        // Heatmap: one row per validation window, each a softmax (sums to 1).
        const ResultsSnapshotPtr results = w.resultsView()->results();
        QVERIFY(results);
        const AttentionSnapshotPtr heat = w.resultsView()->heatmap()->snapshot();
        QVERIFY(heat);
        QCOMPARE(std::size_t(heat->windows), results->pipeline.windows[Split::Validation].count);
        QCOMPARE(heat->steps, 20);
        for (int r = 0; r < heat->windows; ++r) {
            double sum = 0;
            for (int k = 0; k < heat->steps; ++k)
                sum += heat->weight(r, k);
            QVERIFY2(std::abs(sum - 1.0) < 1e-5, qPrintable(QString::number(sum, 'g', 10)));
        }

        // Export, reopen: the same predictions, bit for bit.
        test::TempDir dir;
        const QString checkpoint = QString::fromStdString(dir.file("gui.safetensors"));
        QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
        w.exportCheckpoint(checkpoint);
        QVERIFY(saved.wait(60000));
        QSignalSpy reopened(w.controller(), &TrainingController::runFinished);
        w.openCheckpoint(checkpoint);
        QVERIFY(reopened.wait(60000));
        const ResultsSnapshotPtr again = w.resultsView()->results();
        QVERIFY(again != results);
        QCOMPARE(again->test.predicted.cols(), results->test.predicted.cols());
        QVERIFY(again->test.predicted == results->test.predicted);

        // The engine on the reloaded file (what the CLI does) agrees exactly.
        const Checkpoint loaded = load_checkpoint(checkpoint.toStdString());
        const CheckpointData data = prepare_checkpoint_data(test::sampleCsv().toStdString(), loaded);
        auto model = make_model(loaded);
        const Forecast forecast = forecast_split(*model, data.data, Split::Test, true);
        QVERIFY(forecast.predicted == again->test.predicted);

        // And so does the CLI: its test-split CSV equals the GUI's export byte for byte.
        const QString guiCsv = QString::fromStdString(dir.file("gui.csv"));
        const QString cliCsv = QString::fromStdString(dir.file("cli.csv"));
        w.exportPredictions(guiCsv);
        QProcess cli;
        cli.start(QStringLiteral(LSTMLAB_CLI_PATH), {QStringLiteral("predict"), QStringLiteral("--checkpoint"), checkpoint,
                                                     QStringLiteral("--data"), test::sampleCsv(), QStringLiteral("--out"),
                                                     cliCsv, QStringLiteral("--split"), QStringLiteral("test")});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QFile a(guiCsv), b(cliCsv);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray gui = a.readAll(), fromCli = b.readAll();
        QCOMPARE(gui.count('\n'), qsizetype(results->test.predicted.cols() + 1));
        QCOMPARE(gui, fromCli);
    }

    void sameSettingsSameWeightsAsTheCli()
    {
        // The GUI's defaults on the sample, spelled as CLI options: both initialise from Rng(seed)
        // and train single-threaded, so the weights must agree bit for bit.
        MainWindow w;
        QVERIFY(trainAttention(w, 2));
        test::TempDir dir;
        const QString gui = QString::fromStdString(dir.file("gui.safetensors"));
        const QString cli = QString::fromStdString(dir.file("cli.safetensors"));
        QVERIFY(saveCheckpoint(w, gui));
        const test::CliResult run = runCli(
            {QStringLiteral("train"), QStringLiteral("--data"), test::sampleCsv(), QStringLiteral("--target"),
             QStringLiteral("Close"), QStringLiteral("--features"), QStringLiteral("Open,High,Low,Close,Volume"),
             QStringLiteral("--feature-transform"), QStringLiteral("logreturn"), QStringLiteral("--target-transform"),
             QStringLiteral("logreturn"), QStringLiteral("--preset"), QStringLiteral("attention"), QStringLiteral("--epochs"),
             QStringLiteral("2"), QStringLiteral("--out"), cli});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const Checkpoint a = load_checkpoint(gui.toStdString());
        const Checkpoint b = load_checkpoint(cli.toStdString());
        QVERIFY(a.spec == b.spec);
        QCOMPARE(a.weights.size(), b.weights.size());
        QVERIFY(a.weights == b.weights);
        const auto& ha = a.training->state.history;
        const auto& hb = b.training->state.history;
        QCOMPARE(ha.size(), std::size_t(2));
        QCOMPARE(hb.size(), std::size_t(2));
        for (std::size_t e = 0; e < 2; ++e) {   // everything but the wall-clock seconds
            QCOMPARE(ha[e].train_loss, hb[e].train_loss);
            QCOMPARE(ha[e].validation_loss, hb[e].validation_loss);
            QCOMPARE(ha[e].gradient_norm, hb[e].gradient_norm);
        }
    }

    void opensACliCheckpointAndPredictsLikeTheCli()
    {
        test::TempDir dir;
        const QString checkpoint = QString::fromStdString(dir.file("cli.safetensors"));
        const QString cliCsv = QString::fromStdString(dir.file("cli.csv"));
        const QString guiCsv = QString::fromStdString(dir.file("gui.csv"));
        const test::CliResult run = runCli({QStringLiteral("train"), QStringLiteral("--data"), test::sampleCsv(),
                                            QStringLiteral("--target"), QStringLiteral("Close"), QStringLiteral("--preset"),
                                            QStringLiteral("gru"), QStringLiteral("--epochs"), QStringLiteral("1"),
                                            QStringLiteral("--seq-len"), QStringLiteral("15"), QStringLiteral("--out"), checkpoint});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        MainWindow w;
        QSignalSpy opened(w.controller(), &TrainingController::runFinished);
        w.openCheckpoint(checkpoint);   // no data loaded: the file it was trained on
        QVERIFY(opened.wait(60000));
        QVERIFY(waitLoaded(w));
        QCOMPARE(w.modelView()->spec().cell, CellType::gru);
        QCOMPARE(w.dataView()->pipelineConfig().sequence_length, 15);
        w.exportPredictions(guiCsv);
        const test::CliResult predict = runCli({QStringLiteral("predict"), QStringLiteral("--checkpoint"), checkpoint,
                                                QStringLiteral("--data"), test::sampleCsv(), QStringLiteral("--out"), cliCsv,
                                                QStringLiteral("--split"), QStringLiteral("test")});
        QVERIFY2(predict.exitCode == 0, qPrintable(predict.err));
        QFile a(guiCsv), b(cliCsv);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void experimentAndLastSessionComeBack()
    {
        test::TempDir dir;
        const QString experiment = QString::fromStdString(dir.file("run.lstmlab.json"));
        Eigen::MatrixXd predicted;
        {
            MainWindow w;
            QVERIFY(trainAttention(w, 1));
            w.trainView()->form()->epochsBox()->setValue(7);
            predicted = w.resultsView()->results()->test.predicted;
            QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
            w.saveExperiment(experiment);
            QVERIFY(saved.wait(60000));
            w.close();   // also saves the last session
        }
        QVERIFY(QFileInfo::exists(QString::fromStdString(dir.file("run.safetensors"))));
        for (const bool lastSession : {false, true}) {
            MainWindow w;
            QSignalSpy results(w.controller(), &TrainingController::runFinished);
            if (lastSession)
                w.start();
            else
                w.openExperiment(experiment);
            QVERIFY(waitLoaded(w));
            QVERIFY(results.wait(60000) || results.count() > 0);
            QCOMPARE(w.trainView()->form()->epochsBox()->value(), 7);
            QVERIFY(w.modelView()->spec().attention);
            QVERIFY(w.resultsView()->results()->test.predicted == predicted);
        }
    }

    void chartImagesAndLoadErrors()
    {
        MainWindow w;
        QVERIFY(trainAttention(w, 1));
        test::TempDir dir;
        w.saveChartImages(QString::fromStdString(dir.path()));
        for (const char* name : {"predictions", "equity", "metrics", "attention", "attention_window", "loss"}) {
            const QImage image(QString::fromStdString(dir.file(std::string(name) + ".png")));
            QVERIFY2(!image.isNull() && image.width() > 50, name);
        }
        // A broken CSV: the reader's own sentence reaches the user.
        const std::string bad = dir.file("bad.csv");
        QFile file(QString::fromStdString(bad));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Date,Close\n2020-01-01,1\n2020-01-02,abc,3\n");
        file.close();
        QSignalSpy errors(&w, &MainWindow::errorShown);
        w.openDataFile(QString::fromStdString(bad));
        QVERIFY(errors.wait(30000));
        const QString sentence = errors.first().first().toString();
        QVERIFY2(sentence.startsWith(QString::fromStdString(bad) + QStringLiteral(":3:")), qPrintable(sentence));
    }

    // An engine error about a setting names the field of the form (its label and the choice as listed),
    // not the command line's flag: Missing values is "stop with an error" and a used cell is empty.
    void settingErrorNamesTheFormField()
    {
        test::TempDir dir;
        const std::string path = dir.file("gap.csv");
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray csv = "Date,Close\n";
        QDate day(2020, 1, 1);
        for (int r = 0; r < 80; ++r, day = day.addDays(1))
            csv += day.toString(Qt::ISODate).toUtf8() + "," + (r == 40 ? QByteArray() : QByteArray::number(100 + r % 7)) + "\n";
        file.write(csv);
        file.close();
        MainWindow w;
        w.openDataFile(QString::fromStdString(path));
        QVERIFY(waitLoaded(w));
        QCOMPARE(w.dataView()->pipelineConfig().missing, MissingPolicy::Error);
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
        QVERIFY(errors.wait(30000));
        const QString sentence = errors.first().first().toString();
        QVERIFY2(sentence.contains(QStringLiteral(":42:")), qPrintable(sentence));   // the file's line
        QVERIFY2(sentence.contains(QStringLiteral("choose “Missing values: drop rows” or “Missing values: forward-fill”")),
                 qPrintable(sentence));
        QVERIFY2(!sentence.contains(QStringLiteral("--")), qPrintable(sentence));
    }
};

LSTMLAB_TEST_MAIN(TestWorkbench)

}  // namespace tst_workbench
#include "tst_workbench.moc"
