// Screenshot tour (not a test): drives the real window through the workflow on a real X display
// and captures the screen with ImageMagick's `import -window root` after each stage. Run by
// resources/screenshots/make_screenshots.sh under Xvfb at 1440x900.
//   screenshot_tour OUTPUT_DIR [STAGE]
// STAGE (forecast, walk-forward) takes only that stage's screenshot, after the sample has loaded.
// STAGE slurm (not in the full tour: it needs a Slurm cluster, e.g. tests/cluster/slurm_cluster.sh
// with SLURM_CONF exported) submits a small sweep from the Sweep tab with the Slurm backend.
#include "engine/workflow/sample_options.h"
#include "tests/ui/gui_test_support.h"
#include "ui/controller/training_controller.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "ui/model/model_view.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/forecast_panel.h"
#include "ui/results/walk_forward_view.h"
#include "ui/results/results_view.h"
#include "ui/sweep/slurm_fields.h"
#include "ui/sweep/slurm_script_dialog.h"
#include "ui/sweep/slurm_sweep_controller.h"
#include "ui/sweep/sweep_controller.h"
#include "ui/sweep/sweep_editor.h"
#include "ui/sweep/sweep_results_table.h"
#include "ui/sweep/sweep_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/train_view.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

using namespace lstmlab::ui;

namespace {

bool capture(const QString& folder, const QString& name)
{
    QTest::qWait(700);   // let charts and tooltips paint
    const QString path = folder + QLatin1Char('/') + name;
    const int code = QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), path});
    qInfo("%s: %s", qPrintable(path), code == 0 ? "ok" : "FAILED");
    return code == 0;
}

bool train(MainWindow& w)
{
    w.steps()->setCurrentWidget(w.trainView());
    QSignalSpy finished(w.controller(), &TrainingController::runFinished);
    QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
    return finished.wait(600000) && QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 60000);
}

// The seasonal sample's run with a horizon of 12 months: the next year of CO2 after the last row
// (1997-12), its 80 % and 95 % bands over six years of history, the table and the calendar line.
bool forecastStage(MainWindow& w, const QString& out)
{
    const lstmlab::RunOptions run = lstmlab::make_run_options(lstmlab::seasonal_sample_options());
    lstmlab::PipelineConfig pipeline = run.pipeline;
    pipeline.horizon = 12;
    w.dataView()->setPipelineConfig(pipeline);
    w.modelView()->setSpec(run.model);
    if (!train(w))
        return false;
    w.steps()->setCurrentWidget(w.resultsView());
    w.resultsView()->pages()->setCurrentWidget(w.resultsView()->forecastPanel());
    w.resultsView()->forecastPanel()->setObservedCount(72);
    return capture(out, QStringLiteral("09-forecast.png"));
}

// The seasonal sample's run (one-step forecasts) evaluated on 5 folds, each retrained: the fold
// table, RMSE per fold beside persistence, and the Diebold-Mariano verdict.
bool walkForwardStage(MainWindow& w, const QString& out)
{
    const lstmlab::RunOptions run = lstmlab::make_run_options(lstmlab::seasonal_sample_options());
    w.dataView()->setPipelineConfig(run.pipeline);
    w.modelView()->setSpec(run.model);
    w.steps()->setCurrentWidget(w.resultsView());
    WalkForwardView* view = w.resultsView()->walkForwardView();
    w.resultsView()->pages()->setCurrentWidget(view);
    view->foldsBox()->setValue(5);
    QSignalSpy finished(view->controller(), &WalkForwardController::finished);
    QTest::mouseClick(view->runButton(), Qt::LeftButton);
    if (!finished.wait(1800000) || !view->result())
        return false;
    return capture(out, QStringLiteral("10-walk-forward.png"));
}

// The Sweep tab showing the tutorial's four configurations with two seeds, `epochs` in place of its 15 epochs.
SweepView* tutorialSweep(MainWindow& w, const QString& epochs)
{
    w.steps()->setCurrentWidget(w.sweepView());
    SweepView* sweep = w.sweepView();
    QTest::mouseClick(sweep->editor()->tutorialButton(), Qt::LeftButton);
    QString text = sweep->editor()->text();
    text.replace(QStringLiteral("\"epochs\": 15"), epochs);
    sweep->editor()->setText(text.replace(QStringLiteral("\"seeds\": 1"), QStringLiteral("\"seeds\": 2")));
    return sweep;
}

// The tutorial's four configurations, two seeds, 4 epochs, as a Slurm job array: the script dialog,
// then the tab once every trial finished (the trials table, curves and mean +- std as for a local run).
bool slurmStage(MainWindow& w, const QString& out)
{
    SweepView* sweep = tutorialSweep(w, QStringLiteral("\"epochs\": 4"));
    // The build tree's lstmlab-cli (the workbench looks beside itself; this tour runs from tests/ui).
    sweep->setCliPath(QFileInfo(QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/lstmlab-cli")).canonicalFilePath());
    SlurmFields* fields = sweep->slurmFields();
    fields->setBackend(SlurmFields::Backend::Slurm);
    fields->timeEdit()->setText(QStringLiteral("0:30:00"));
    fields->memoryEdit()->setText(QStringLiteral("1G"));
    fields->maxRunningBox()->setValue(4);
    const QString folder = QDir::tempPath() + QStringLiteral("/lstmlab-screenshot-sweeps");
    QDir(folder).removeRecursively();
    fields->setFolder(folder);
    QTest::mouseClick(sweep->runButton(), Qt::LeftButton);
    SlurmScriptDialog* dialog = sweep->scriptDialog();
    if (!dialog)
        return false;
    bool ok = capture(out, QStringLiteral("12-sweep-slurm-script.png"));
    dialog->accept();
    if (!QTest::qWaitFor([&] { return sweep->slurmSnapshot() && !sweep->slurmSnapshot()->following; }, 600000))
        return false;
    sweep->resultsTable()->view()->selectAll();
    return ok && capture(out, QStringLiteral("11-sweep-slurm.png"));
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        qCritical("usage: screenshot_tour OUTPUT_DIR");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    lstmlab::test::useTestSettings();   // a first start: the bundled sample opens
    MainWindow w;
    w.move(0, 0);
    w.resize(1440, 900);
    w.show();
    w.start();
    if (!QTest::qWaitFor([&] { return w.dataView()->loadedData() != nullptr; }, 60000))
        return 1;
    const QString stage = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (stage == QLatin1String("forecast"))
        return forecastStage(w, out) ? 0 : 1;
    if (stage == QLatin1String("walk-forward"))
        return walkForwardStage(w, out) ? 0 : 1;
    if (stage == QLatin1String("slurm"))
        return slurmStage(w, out) ? 0 : 1;
    bool ok = capture(out, QStringLiteral("01-data.png"));

    w.steps()->setCurrentWidget(w.modelView());
    QTest::mouseClick(w.modelView()->findChild<QPushButton*>(QStringLiteral("preset_bidirectional")), Qt::LeftButton);
    ok &= capture(out, QStringLiteral("02-model-bidirectional.png"));
    QTest::mouseClick(w.modelView()->findChild<QPushButton*>(QStringLiteral("preset_attention")), Qt::LeftButton);
    ok &= capture(out, QStringLiteral("03-model-attention.png"));

    // Back to the seasonal sample's run (LSTM 16 + attention over 13 months, 60 epochs) for training.
    w.modelView()->setSpec(lstmlab::make_run_options(lstmlab::seasonal_sample_options()).model);
    w.steps()->setCurrentWidget(w.trainView());
    QSignalSpy epochs(w.controller(), &TrainingController::epochFinished);
    QSignalSpy finished(w.controller(), &TrainingController::runFinished);
    QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return epochs.count() >= 8; }, 300000))
        qWarning("fewer than 8 epochs before the training screenshot");
    ok &= capture(out, QStringLiteral("04-training.png"));
    if (finished.isEmpty() && !finished.wait(600000))   // it may have early-stopped already
        return 1;

    w.steps()->setCurrentWidget(w.resultsView());
    AttentionHeatmap* heatmap = w.resultsView()->heatmap();
    QTest::qWait(300);
    const QPoint row(heatmap->width() / 2, heatmap->height() / 2);
    QTest::mouseClick(heatmap, Qt::LeftButton, {}, row);
    ok &= capture(out, QStringLiteral("05-results.png"));
    QTest::mouseMove(heatmap, row + QPoint(40, 30));
    QTest::qWait(200);
    QTest::mouseMove(heatmap, row + QPoint(45, 32));
    ok &= capture(out, QStringLiteral("06-heatmap-hover.png"));

    // The tutorial's four configurations, two seeds each, 6 epochs, on log returns (the honest
    // target: the table shows how close every configuration stays to persistence, and mean ± std
    // whether the winner beats seed noise): the trials table, the curves and mean ± std.
    SweepView* sweep = tutorialSweep(w, QStringLiteral("\"epochs\": 6, \"target-transform\": \"logreturn\""));
    QSignalSpy swept(sweep->controller(), &SweepController::sweepFinished);
    QTest::mouseClick(sweep->runButton(), Qt::LeftButton);
    if (swept.isEmpty() && !swept.wait(1800000))
        return 1;
    sweep->resultsTable()->view()->selectAll();   // every trial's curves; the best stays current
    ok &= capture(out, QStringLiteral("07-sweep.png"));
    ok &= forecastStage(w, out);
    ok &= walkForwardStage(w, out);
    w.close();
    return ok ? 0 : 1;
}
