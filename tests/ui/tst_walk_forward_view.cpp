// Results › Walk-forward on a tiny configuration (the CO2 sample, LSTM 4, 2 epochs, 3 folds): Run
// works on the controller's thread with progress, the fold table is the engine's walk_forward_rows
// for the same settings (the same bits: any thread count gives the same folds), the chart's bars are
// each fold's model and persistence RMSE, the verdict states the Diebold-Mariano p-value in words,
// the exported fold table is the engine's CSV, and Cancel stops a long run within seconds and keeps
// the previous table.
#include "engine/core/number_text.h"
#include "engine/data/csv_load.h"
#include "engine/train/walk_forward_table.h"
#include "engine/workflow/run_options.h"
#include "engine/workflow/sample_options.h"
#include "tests/support/test_files.h"
#include "tests/ui/gui_test_support.h"
#include "ui/controller/walk_forward_controller.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "ui/model/model_view.h"
#include "ui/results/fold_metric_chart.h"
#include "ui/results/results_view.h"
#include "ui/results/walk_forward_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/train_view.h"
#include "test_main.h"

#include <QBarSet>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

namespace tst_walk_forward_view {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestWalkForwardView : public QObject {
    Q_OBJECT

    test::TempDir m_dir;

    // The CO2 sample with its run, made tiny: LSTM 4 without attention, `epochs` epochs (all of
    // them with `patience` 0: no early stopping).
    static bool openTiny(MainWindow& w, int epochs, int patience = 10)
    {
        const RunOptions run = make_run_options(seasonal_sample_options());
        w.openDataFile(QString::fromStdString(test::source_path("resources/data/co2.csv")));
        if (!QTest::qWaitFor([&] { return w.dataView()->loadedData() && !w.dataView()->isLoading(); }, 60000))
            return false;
        w.dataView()->setPipelineConfig(run.pipeline);
        ModelSpec spec = run.model;
        spec.hidden = {4};
        spec.attention = false;
        w.modelView()->setSpec(spec);
        TrainConfig train = run.train;
        train.epochs = epochs;
        train.patience = patience;
        w.trainView()->form()->readFrom(train);
        return true;
    }

    // The engine's walk-forward for the window's current settings, as the view starts it.
    static WalkForwardResult reference(MainWindow& w)
    {
        const PipelineConfig pipeline = w.dataView()->pipelineConfig();
        LoadOptions options;
        options.used_columns = used_columns(pipeline);
        options.missing = pipeline.missing;
        options.csv = pipeline.csv;
        const LoadResult loaded = load_csv(w.dataView()->loadedData()->path.toStdString(), options);
        WalkForwardConfig config = w.resultsView()->walkForwardView()->config();
        config.jobs = 1;
        return walk_forward(loaded.frame, pipeline, w.modelView()->spec(), w.trainView()->form()->config(), config);
    }

private slots:
    void initTestCase() { test::useTestSettings(); }

    void verdictInWords()
    {
        DieboldMariano dm;
        dm.n = 100;
        dm.p_value = 0.41;
        dm.mean_difference = 0.2;
        QCOMPARE(walkForwardVerdict(dm), QStringLiteral("No significant edge over persistence (p = 0.41)"));
        dm.mean_difference = -0.2;
        QCOMPARE(walkForwardVerdict(dm), QStringLiteral("No significant edge over persistence (p = 0.41)"));
        dm.p_value = 0.0031;
        QCOMPARE(walkForwardVerdict(dm), QStringLiteral("The model beats persistence (p = 0.0031)"));
        dm.mean_difference = 0.2;
        dm.p_value = 0.02;
        QCOMPARE(walkForwardVerdict(dm), QStringLiteral("Persistence beats the model (p = 0.02)"));
        dm.p_value = std::nan("");
        dm.n = 1;
        QCOMPARE(walkForwardVerdict(dm), QStringLiteral("Model vs persistence: n/a (fewer than 2 test windows)"));
    }

    void settingsMapToTheEngineConfig()
    {
        WalkForwardView view;
        QCOMPARE(view.config().folds, 5);
        QVERIFY(view.config().refit == Refit::Every);
        QCOMPARE(view.config().rolling_rows, std::size_t(0));
        QVERIFY(!view.rollingRowsBox()->isEnabled());
        view.foldsBox()->setValue(7);
        view.refitBox()->setCurrentIndex(1);
        QVERIFY(view.config().refit == Refit::Fresh);
        view.refitBox()->setCurrentIndex(2);
        QVERIFY(view.config().refit == Refit::Never);
        view.windowBox()->setCurrentIndex(1);
        QVERIFY(view.rollingRowsBox()->isEnabled());
        view.rollingRowsBox()->setValue(250);
        QCOMPARE(view.config().rolling_rows, std::size_t(250));
        QCOMPARE(view.config().folds, 7);
        QVERIFY(view.config().jobs >= 1 && view.config().jobs <= 7);
        // As `backtest` without options: the Sharpe ratio annualised from the calendar.
        QCOMPARE(view.config().evaluation.backtest.periods_per_year, 0.0);
    }

    void runShowsTheEngineTable()
    {
        MainWindow w;
        QVERIFY(openTiny(w, 2));
        WalkForwardView* view = w.resultsView()->walkForwardView();
        view->foldsBox()->setValue(3);
        QVERIFY(!view->exportButton()->isEnabled());
        QSignalSpy progress(view->controller(), &WalkForwardController::progress);
        QSignalSpy finished(view->controller(), &WalkForwardController::finished);
        QTest::mouseClick(view->runButton(), Qt::LeftButton);
        QVERIFY(view->controller()->isRunning());
        QVERIFY(!view->runButton()->isEnabled() && view->cancelButton()->isEnabled());
        QVERIFY(finished.wait(300000));
        QVERIFY(view->result());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().value<WalkForwardProgressSnapshot>().fold, 2);   // the last fold trained last
        QCOMPARE(view->progressBar()->value(), 1000);
        QVERIFY(view->runButton()->isEnabled() && !view->cancelButton()->isEnabled() && view->exportButton()->isEnabled());

        const WalkForwardResult r = reference(w);
        QCOMPARE(view->result()->backtest_config.periods_per_year, 12.0);   // monthly, from the calendar
        QCOMPARE(r.folds.size(), std::size_t(3));
        const auto rows = walk_forward_rows(r, 4, "n/a");
        QTableWidget* table = view->table();
        // Transposed: a row per figure (the CLI's columns after "fold"), a column per fold and "all".
        QCOMPARE(table->columnCount(), 4);
        QCOMPARE(table->rowCount(), int(rows.front().size()) - 1);
        QCOMPARE(table->horizontalHeaderItem(3)->text(), QStringLiteral("all"));
        QCOMPARE(table->verticalHeaderItem(8)->text(), QStringLiteral("rmse"));
        QCOMPARE(table->verticalHeaderItem(table->rowCount() - 1)->text(), QStringLiteral("p value"));
        for (int fold = 0; fold < 4; ++fold)
            for (int figure = 0; figure < table->rowCount(); ++figure)
                QCOMPARE(table->item(figure, fold)->text(),
                         QString::fromStdString(rows[std::size_t(fold) + 1][std::size_t(figure) + 1]));

        // Bars: each fold's model and persistence RMSE on its block.
        QBarSet* model = view->chart()->modelSet();
        QBarSet* persistence = view->chart()->persistenceSet();
        QVERIFY(model && persistence);
        QCOMPARE(model->count(), 3);
        for (int k = 0; k < 3; ++k) {
            QCOMPARE(model->at(k), r.folds[std::size_t(k)].report.test->model.average.rmse);
            QCOMPARE(persistence->at(k), r.folds[std::size_t(k)].report.test->persistence.average.rmse);
        }

        // The verdict names the pooled test's p-value.
        const QString verdict = view->verdict()->text();
        QVERIFY2(verdict.contains(walkForwardVerdict(r.overall.dm)), qPrintable(verdict));
        QVERIFY(verdict.contains(QStringLiteral("(p = %1)").arg(QString::fromStdString(significant(r.overall.dm.p_value, 2)))));
        QCOMPARE(view->detail()->text(), QString::fromStdString(diebold_mariano_sentence(r.overall.dm)) + QLatin1Char('.'));

        // The exported fold table is the engine's CSV (what `backtest --out` writes).
        const QString path = QString::fromStdString(m_dir.file("folds.csv"));
        QSignalSpy errors(&w, &MainWindow::errorShown);
        w.exportWalkForward(path);
        QCOMPARE(errors.count(), 0);
        const std::string csv = test::read_file_bytes(path.toStdString());
        QCOMPARE(csv, walk_forward_csv(r));
        QVERIFY(csv.rfind("fold,first,cut,last,", 0) == 0);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 5L);
    }

    void cancelStopsAndKeepsThePreviousTable()
    {
        MainWindow w;
        QVERIFY(openTiny(w, 5000, 0));   // minutes of training, unless cancelled
        WalkForwardView* view = w.resultsView()->walkForwardView();
        view->foldsBox()->setValue(3);
        QSignalSpy progress(view->controller(), &WalkForwardController::progress);
        QSignalSpy finished(view->controller(), &WalkForwardController::finished);
        view->run();
        QVERIFY(progress.wait(120000));
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(view->cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY(clock.elapsed() < 10000);
        QVERIFY(!finished.first().first().value<WalkForwardResultPtr>());
        QVERIFY(!view->result());
        QCOMPARE(view->table()->rowCount(), 0);
        QCOMPARE(view->progressBar()->format(), QStringLiteral("cancelled"));
        QVERIFY(view->runButton()->isEnabled() && !view->cancelButton()->isEnabled());
        QVERIFY(!view->controller()->isThreadRunning());
    }

    void refusesWithoutData()
    {
        MainWindow w;
        WalkForwardView* view = w.resultsView()->walkForwardView();
        QSignalSpy errors(&w, &MainWindow::errorShown);
        view->run();
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().first().toString(), QStringLiteral("There is no data yet: open a CSV in the Data step first."));
        QVERIFY(!view->controller()->isRunning());
    }
};

LSTMLAB_TEST_MAIN(TestWalkForwardView)

}  // namespace tst_walk_forward_view
#include "tst_walk_forward_view.moc"
