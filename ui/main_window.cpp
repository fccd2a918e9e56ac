#include "ui/main_window.h"

#include "engine/workflow/sweep_folder.h"

#include "ui/common/app_paths.h"
#include "ui/controller/training_controller.h"
#include "ui/controller/workbench_state.h"
#include "ui/data/data_view.h"
#include "ui/model/model_view.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/forecast_panel.h"
#include "ui/results/results_view.h"
#include "ui/results/walk_forward_view.h"
#include "ui/status_strip.h"
#include "ui/sweep/sweep_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/loss_chart.h"
#include "ui/train/train_view.h"
#include "engine/workflow/sample_options.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>

namespace lstmlab::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_controller(new TrainingController(this)), m_state(new WorkbenchState(this))
{
    setWindowIcon(QIcon(QStringLiteral(":/lstmlab/icons/lstmlab.svg")));
    m_data = new DataView;
    m_model = new ModelView;
    m_train = new TrainView;
    m_results = new ResultsView;
    m_sweep = new SweepView;
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_data, tr("1  Data"));
    m_tabs->addTab(m_model, tr("2  Model"));
    m_tabs->addTab(m_train, tr("3  Train"));
    m_tabs->addTab(m_results, tr("4  Results"));
    m_tabs->addTab(m_sweep, tr("Sweep"));
    setCentralWidget(m_tabs);
    m_status = new StatusStrip;
    setStatusBar(m_status);
    buildMenus();
    wireViews();
    wireController();
    m_data->setRecentFiles(m_store.recentFiles());
    refreshShapes();
    applyState();
    resize(1440, 870);
}

MainWindow::~MainWindow() { m_controller->shutdown(); }

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon(QStringLiteral(":/lstmlab/icons/open.svg")), tr("&Open CSV…"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV file"), dialogFolder(), tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
        if (!path.isEmpty()) {
            m_tabs->setCurrentWidget(m_data);
            m_data->importFile(path);
        }
    });
    file->addAction(tr("Open &checkpoint…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a checkpoint"), dialogFolder(), tr("Checkpoints (*.safetensors)"));
        if (!path.isEmpty())
            openCheckpoint(path);
    });
    file->addAction(tr("Open &experiment…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open an experiment"), dialogFolder(), tr("Experiments (*.json)"));
        if (!path.isEmpty())
            openExperiment(path);
    });
    file->addAction(tr("&Save experiment…"), QKeySequence::Save, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the experiment"),
                                                          QDir(dialogFolder()).filePath(QStringLiteral("experiment.lstmlab.json")),
                                                          tr("Experiments (*.json)"));
        if (!path.isEmpty())
            saveExperiment(path);
    });
    file->addSeparator();
    m_exportCheckpointAction = file->addAction(tr("Export chec&kpoint…"), m_results, &ResultsView::exportCheckpointRequested);
    m_exportPredictionsAction = file->addAction(tr("Export &predictions CSV…"), m_results, &ResultsView::exportPredictionsRequested);
    m_exportForecastAction = file->addAction(tr("Export &forecast CSV…"), m_results, &ResultsView::exportForecastRequested);
    m_saveImagesAction = file->addAction(tr("Save chart &images…"), m_results, &ResultsView::exportImagesRequested);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::wireViews()
{
    connect(m_data, &DataView::dataLoaded, this, &MainWindow::onDataLoaded);
    connect(m_data, &DataView::loadStarted, this,
            [this](const QString& path) { m_status->begin(tr("Loading %1…").arg(QFileInfo(path).fileName())); });
    connect(m_data, &DataView::loadFailed, this, [this](const QString&, const QString& sentence) { showError(sentence); });
    connect(m_data, &DataView::loadCancelled, m_status, &StatusStrip::endBusy);
    connect(m_data, &DataView::configChanged, this, [this] {
        refreshShapes();
        refreshBlockedReason();
        refreshStatus();
        setWindowModified(true);
    });
    connect(m_model, &ModelView::specChanged, this, [this] {
        refreshBlockedReason();
        refreshStatus();
        setWindowModified(true);
    });
    connect(m_state, &WorkbenchState::changed, this, &MainWindow::applyState);
    connect(m_status, &StatusStrip::succeeded, m_train, &TrainView::clearError);
    connect(m_train->form(), &HyperparameterForm::changed, this, &MainWindow::refreshBlockedReason);
    connect(m_train, &TrainView::trainRequested, this, &MainWindow::startTraining);
    m_sweep->setContextProvider([this] {
        SweepContext context;
        if (const LoadedDataPtr data = m_data->loadedData())
            context.dataPath = data->path;
        context.pipeline = m_data->pipelineConfig();
        context.spec = m_model->spec();
        context.train = m_train->form()->config();
        context.problem = m_data->configProblem();
        return context;
    });
    WalkForwardView* walkForward = m_results->walkForwardView();
    walkForward->setContextProvider([this] {
        WalkForwardContext context;
        if (const LoadedDataPtr data = m_data->loadedData())
            context.dataPath = data->path;
        context.pipeline = m_data->pipelineConfig();
        context.spec = m_model->spec();
        context.train = m_train->form()->config();
        context.problem = settingsProblem();
        return context;
    });
    connect(walkForward, &WalkForwardView::failed, this, &MainWindow::showError);
    connect(walkForward, &WalkForwardView::exportRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export fold table"), QDir(dialogFolder()).filePath(QStringLiteral("folds.csv")),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportWalkForward(path);
    });
    connect(m_sweep, &SweepView::useConfigurationRequested, this, &MainWindow::openCheckpoint);
    connect(m_sweep, &SweepView::slurmSweepFollowed, this, [this](const QString& trialsDir) { m_store.setSlurmSweep(trialsDir); });
    connect(m_train, &TrainView::pauseRequested, m_controller, &TrainingController::pause);
    connect(m_train, &TrainView::resumeRequested, m_controller, &TrainingController::resume);
    connect(m_train, &TrainView::stopRequested, m_controller, &TrainingController::stop);
    connect(m_train, &TrainView::stopRequested, this, [this] { m_status->setTraining(tr("Stopping…")); });
    connect(m_train, &TrainView::continueRequested, m_controller, &TrainingController::continueTraining);
    connect(m_results, &ResultsView::exportCheckpointRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export checkpoint"), QDir(dialogFolder()).filePath(QStringLiteral("model.safetensors")),
                                                          tr("Checkpoints (*.safetensors)"));
        if (!path.isEmpty())
            exportCheckpoint(path);
    });
    connect(m_results, &ResultsView::exportPredictionsRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export predictions"), QDir(dialogFolder()).filePath(QStringLiteral("predictions.csv")),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportPredictions(path);
    });
    connect(m_results, &ResultsView::exportForecastRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export forecast"), QDir(dialogFolder()).filePath(QStringLiteral("forecast.csv")),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportForecast(path);
    });
    connect(m_results, &ResultsView::exportImagesRequested, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Save chart images into"), dialogFolder());
        if (!folder.isEmpty())
            saveChartImages(folder);
    });
}

void MainWindow::wireController()
{
    TrainingController* c = m_controller;
    connect(c, &TrainingController::stateChanged, this, [this](TrainingController::State state) {
        m_state->setTraining(state == TrainingController::State::Training || state == TrainingController::State::Paused);
        if (state == TrainingController::State::Idle)
            m_status->endBusy();
        applyState();
    });
    connect(c, &TrainingController::runStarted, this, [this](int epochs) {
        // The session now holds the model of this request: its data file is the model's.
        m_state->setModel(m_request.dataPath, m_requestSha);
        m_train->showRunStarted(epochs);
        m_train->heatmap()->clearSelection();
        m_results->clearSelection();
        m_status->begin(tr("Training on %1…").arg(QFileInfo(m_request.dataPath).fileName()));
    });
    connect(c, &TrainingController::progress, this, [this](const ProgressSnapshotPtr& s) {
        m_train->showProgress(s);
        m_status->setTraining(tr("Training: epoch %1/%2").arg(s->epoch).arg(s->epochs));
    });
    connect(c, &TrainingController::epochFinished, m_train, &TrainView::showHistory);
    connect(c, &TrainingController::attentionUpdated, this, [this](const AttentionSnapshotPtr& s) {
        m_train->heatmap()->setSnapshot(s);
        m_results->setLiveAttention(s);
    });
    connect(c, &TrainingController::runFinished, this, [this](const ResultsSnapshotPtr& results) {
        m_train->lossChart()->setHistory(results->history, results->bestEpoch);
        m_train->lossChart()->flush();
        const bool diverged = results->status == TrainStatus::diverged;
        m_train->showStatus(results->statusText, diverged);
        m_results->setResults(results);
        m_state->setResults(results);
        const QString outcome = runOutcome(*results);
        m_status->setTraining(outcome);
        m_train->showRunFinished(outcome, results->status == TrainStatus::finished || results->status == TrainStatus::early_stopped);
        if (diverged)
            m_status->fail(outcome + QStringLiteral(": ") + results->statusText);
        else if (!results->history.empty())
            showSuccess(outcome);
        setWindowModified(true);
    });
    connect(c, &TrainingController::failed, this, &MainWindow::showError);
    connect(c, &TrainingController::checkpointSaved, this, [this](const QString& path) {
        if (!m_closing)
            showSuccess(tr("Checkpoint saved: %1").arg(QDir::toNativeSeparators(path)));
    });
    connect(c, &TrainingController::checkpointOpened, this, &MainWindow::onCheckpointOpened);
}

void MainWindow::start(const QString& csvPath)
{
    // The Slurm sweep followed when the workbench closed: its jobs ran on; follow them again.
    if (const QString trials = m_store.slurmSweep(); !trials.isEmpty() && is_sweep_folder(trials.toStdString()))
        m_sweep->attachSlurmSweep(trials);
    if (!csvPath.isEmpty())
        return openDataFile(csvPath);
    if (restoreLastSession())
        return;
    const QString sample = bundledSamplePath();
    if (sample.isEmpty())
        return showError(tr("The bundled sample dataset could not be written to the app data folder; open a CSV instead."));
    // The seasonal sample opens with the run that shows what attention does on it (sample_options.h).
    const RunOptions run = make_run_options(seasonal_sample_options());
    m_pendingExperiment = Experiment{sample, {}, run.pipeline, run.model, run.train, {}};
    m_data->openFile(sample);
    m_data->setPipelineConfig(run.pipeline);
}

void MainWindow::openDataFile(const QString& path)
{
    m_tabs->setCurrentWidget(m_data);
    m_data->openFile(path);
}

void MainWindow::onDataLoaded(const LoadedDataPtr& data)
{
    m_data->setRecentFiles(m_store.addRecentFile(data->path));
    m_state->setData(data->path, data->sha256);
    showSuccess(tr("Loaded %1: %2 rows").arg(QFileInfo(data->path).fileName(), QLocale().toString(qulonglong(data->result.frame.rows()))));
    if (m_pendingExperiment) {
        const Experiment experiment = *std::exchange(m_pendingExperiment, std::nullopt);
        m_model->setSpec(experiment.spec);
        m_train->form()->readFrom(experiment.train);
        if (!experiment.dataSha256.empty() && experiment.dataSha256 != data->sha256)
            showSuccess(tr("Note: %1 changed since the experiment was saved (SHA-256 differs).")
                            .arg(QFileInfo(data->path).fileName()));
        if (!experiment.checkpointPath.isEmpty() && QFileInfo::exists(experiment.checkpointPath)) {
            m_keepSettingsOnOpen = true;   // the experiment's settings win over the checkpoint's record
            m_status->begin(tr("Opening %1…").arg(QFileInfo(experiment.checkpointPath).fileName()));
            m_controller->openCheckpoint(experiment.checkpointPath, data->path);
        }
    }
    refreshShapes();
    refreshBlockedReason();
    refreshStatus();
}

void MainWindow::startTraining()
{
    refreshBlockedReason();
    if (!m_train->trainButton()->isEnabled() || m_controller->isBusy())
        return;
    TrainRequest request;
    request.dataPath = m_data->loadedData()->path;
    request.pipeline = m_data->pipelineConfig();
    request.spec = m_model->spec();
    request.train = m_train->form()->config();
    m_request = request;
    m_requestSha = m_data->loadedData()->sha256;
    m_train->lossChart()->clear();
    m_status->begin(tr("Preparing the data for training…"));
    m_controller->train(request);
}

void MainWindow::refreshShapes()
{
    const PipelineConfig config = m_data->pipelineConfig();
    m_model->setShape(int(std::max<std::size_t>(1, config.features.size())), config.horizon, config.sequence_length,
                      config.horizon);
}

QString MainWindow::settingsProblem() const
{
    QString reason = m_data->configProblem();
    if (reason.isEmpty() && !m_model->problem().isEmpty())
        reason = tr("Model: %1").arg(m_model->problem());
    if (reason.isEmpty() && !m_train->form()->problem().isEmpty())
        reason = m_train->form()->problem();
    return reason;
}

void MainWindow::refreshBlockedReason() { m_train->setBlockedReason(settingsProblem()); }

void MainWindow::refreshStatus()
{
    if (const LoadedDataPtr data = m_data->loadedData()) {
        const PipelineConfig config = m_data->pipelineConfig();
        const QString features = config.features.size() == 1 ? tr("1 feature") : tr("%1 features").arg(config.features.size());
        m_status->setData(tr("%1 · %2 rows · %3 → %4 (T %5, H %6)")
                              .arg(QFileInfo(data->path).fileName())
                              .arg(QLocale().toString(qulonglong(data->result.frame.rows())))
                              .arg(features)
                              .arg(QString::fromStdString(config.target.column))
                              .arg(config.sequence_length)
                              .arg(config.horizon));
    }
    const ModelSpec spec = m_model->spec();
    QStringList sizes;
    for (int h : spec.hidden)
        sizes << QString::number(h);
    m_status->setModel(tr("%1 [%2]%3%4 · %5")
                           .arg(spec.cell == CellType::gru ? QStringLiteral("GRU") : QStringLiteral("LSTM"), sizes.join(QStringLiteral(", ")))
                           .arg(spec.bidirectional ? tr(" bidirectional") : QString())
                           .arg(spec.attention ? tr(" + attention") : QString())
                           .arg(m_model->parameterText()));
    const QString placeholder = spec.attention ? tr("No attention weights yet: train this model (Train step) to see them.")
                                               : tr("This model has no attention layer: choose the attention preset "
                                                    "(Model step) and train to see its weights.");
    m_train->heatmap()->setPlaceholder(placeholder);
    m_results->heatmap()->setPlaceholder(placeholder);
    using State = TrainingController::State;
    if (m_controller->state() == State::Paused)
        m_status->setTraining(tr("Paused"));
    else if (m_controller->state() == State::Idle && m_state->isStale())
        m_status->setTraining(tr("Model of %1 (previous file)").arg(QFileInfo(m_state->modelDataPath()).fileName()));
    else if (m_controller->state() == State::Idle && m_state->hasResults())
        m_status->setTraining(runOutcome(*m_state->results()));
    else if (m_controller->state() == State::Idle)
        m_status->setTraining(m_state->hasModel() ? tr("Model ready") : tr("Not trained"));
}

void MainWindow::applyState()
{
    const WorkbenchState& s = *m_state;
    const QString reason = s.exportBlockedReason();
    m_exportCheckpointAction->setEnabled(s.canExportCheckpoint());
    m_exportPredictionsAction->setEnabled(s.canExportResults());
    m_saveImagesAction->setEnabled(s.canExportResults());
    for (QAction* action : {m_exportCheckpointAction, m_exportPredictionsAction, m_saveImagesAction})
        action->setStatusTip(action->isEnabled() ? QString() : reason);
    m_exportForecastAction->setEnabled(s.canExportForecast());
    m_exportForecastAction->setStatusTip(s.forecastBlockedReason());
    m_results->setExportEnabled(s.canExportCheckpoint(), s.canExportResults(), reason);
    m_results->forecastPanel()->setExportEnabled(s.canExportForecast(), s.forecastBlockedReason());
    m_results->walkForwardView()->setRunAllowed(!s.isTraining(), tr("Training is running: run the walk-forward "
                                                                     "evaluation when it has ended."));
    m_results->setStaleNote(s.staleNote());
    m_train->setStaleNote(s.staleNote());
    m_train->setControllerState(m_controller->state(), s.canContinueTraining());
    refreshStatus();
    refreshTitle();
}

void MainWindow::refreshTitle()
{
    const QString file = QFileInfo(m_state->dataPath()).fileName();
    setWindowTitle(file.isEmpty() ? tr("LSTM Lab[*]") : tr("%1[*] — LSTM Lab").arg(file));
}

QString MainWindow::dialogFolder() const
{
    if (m_state->hasData())
        return QFileInfo(m_state->dataPath()).absolutePath();
    if (!m_checkpointPath.isEmpty())
        return QFileInfo(m_checkpointPath).absolutePath();
    return {};
}

void MainWindow::showError(const QString& sentence)
{
    emit errorShown(sentence);
    if (m_closing)
        return;
    m_status->fail(sentence);
    if (m_tabs->currentWidget() == m_train)
        m_train->showStatus(sentence, true);   // beside the buttons that failed; cleared by the next success
    auto* box = new QMessageBox(QMessageBox::Warning, tr("LSTM Lab"), sentence, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();   // not exec(): never blocks the event loop (tests, training updates)
}

void MainWindow::showSuccess(const QString& sentence)
{
    m_status->succeed(sentence);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_closing = true;
    saveLastSession();
    m_sweep->shutdown();        // cancels a running sweep; its trials stop after their batch
    m_results->walkForwardView()->shutdown();   // likewise a walk-forward run
    m_controller->shutdown();   // stops training, lets the queued saves finish, joins the thread
    event->accept();
}

} // namespace lstmlab::ui
