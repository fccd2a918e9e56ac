#include "ui/main_window.h"

#include "ui/common/app_paths.h"
#include "ui/controller/training_controller.h"
#include "ui/data/data_view.h"
#include "ui/model/model_view.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/results_view.h"
#include "ui/status_strip.h"
#include "ui/sweep/sweep_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/loss_chart.h"
#include "ui/train/train_view.h"

#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>

namespace lstmlab::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_controller(new TrainingController(this))
{
    setWindowTitle(tr("LSTM Lab"));
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
    resize(1440, 870);
}

MainWindow::~MainWindow() { m_controller->shutdown(); }

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon(QStringLiteral(":/lstmlab/icons/open.svg")), tr("&Open CSV…"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV file"), QString(), tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
        if (!path.isEmpty())
            openDataFile(path);
    });
    file->addAction(tr("Open &checkpoint…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a checkpoint"), QString(), tr("Checkpoints (*.safetensors)"));
        if (!path.isEmpty())
            openCheckpoint(path);
    });
    file->addAction(tr("Open &experiment…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open an experiment"), QString(), tr("Experiments (*.json)"));
        if (!path.isEmpty())
            openExperiment(path);
    });
    file->addAction(tr("&Save experiment…"), QKeySequence::Save, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the experiment"), QStringLiteral("experiment.lstmlab.json"),
                                                          tr("Experiments (*.json)"));
        if (!path.isEmpty())
            saveExperiment(path);
    });
    file->addSeparator();
    file->addAction(tr("Export chec&kpoint…"), m_results, &ResultsView::exportCheckpointRequested);
    file->addAction(tr("Export &predictions CSV…"), m_results, &ResultsView::exportPredictionsRequested);
    file->addAction(tr("Save chart &images…"), m_results, &ResultsView::exportImagesRequested);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::wireViews()
{
    connect(m_data, &DataView::dataLoaded, this, &MainWindow::onDataLoaded);
    connect(m_data, &DataView::loadFailed, this, [this](const QString&, const QString& sentence) { showError(sentence); });
    connect(m_data, &DataView::configChanged, this, [this] { refreshShapes(); refreshBlockedReason(); refreshStatus(); });
    connect(m_model, &ModelView::specChanged, this, [this] { refreshBlockedReason(); refreshStatus(); });
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
    connect(m_sweep, &SweepView::useConfigurationRequested, this, &MainWindow::openCheckpoint);
    connect(m_train, &TrainView::pauseRequested, m_controller, &TrainingController::pause);
    connect(m_train, &TrainView::resumeRequested, m_controller, &TrainingController::resume);
    connect(m_train, &TrainView::stopRequested, m_controller, &TrainingController::stop);
    connect(m_train, &TrainView::continueRequested, m_controller, &TrainingController::continueTraining);
    connect(m_results, &ResultsView::exportCheckpointRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export checkpoint"), QStringLiteral("model.safetensors"),
                                                          tr("Checkpoints (*.safetensors)"));
        if (!path.isEmpty())
            exportCheckpoint(path);
    });
    connect(m_results, &ResultsView::exportPredictionsRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export predictions"), QStringLiteral("predictions.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportPredictions(path);
    });
    connect(m_results, &ResultsView::exportImagesRequested, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Save chart images into"));
        if (!folder.isEmpty())
            saveChartImages(folder);
    });
}

void MainWindow::wireController()
{
    TrainingController* c = m_controller;
    connect(c, &TrainingController::stateChanged, this, [this](TrainingController::State state) {
        m_train->setControllerState(state, m_controller->hasSession());
        m_results->setExportEnabled(state == TrainingController::State::Idle && m_controller->hasSession());
        refreshStatus();
    });
    connect(c, &TrainingController::runStarted, m_train, &TrainView::showRunStarted);
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
        m_train->showStatus(results->statusText, results->status == TrainStatus::diverged);
        m_results->setResults(results);
        const QString names[] = {tr("Running"), tr("Stopped"), tr("Finished"), tr("Early-stopped"), tr("Diverged")};
        const QString status = names[int(results->status)];
        const QString outcome = results->history.empty()
                                    ? tr("Model ready")
                                    : tr("%1 · %2 epochs · best %3").arg(status).arg(results->history.size()).arg(results->bestEpoch);
        m_status->setTraining(outcome);
        m_train->showRunFinished(outcome, results->status == TrainStatus::finished || results->status == TrainStatus::early_stopped);
    });
    connect(c, &TrainingController::failed, this, &MainWindow::showError);
    connect(c, &TrainingController::checkpointSaved, this, [this](const QString& path) {
        if (!m_closing)
            m_status->showMessage(tr("Checkpoint saved: %1").arg(path), 8000);
    });
    connect(c, &TrainingController::checkpointOpened, this, &MainWindow::onCheckpointOpened);
}

void MainWindow::start(const QString& csvPath)
{
    if (!csvPath.isEmpty())
        return openDataFile(csvPath);
    if (restoreLastSession())
        return;
    const QString sample = bundledSamplePath();
    if (sample.isEmpty())
        return showError(tr("The bundled sample dataset could not be written to the app data folder; open a CSV instead."));
    m_data->openFile(sample);
}

void MainWindow::openDataFile(const QString& path)
{
    m_tabs->setCurrentWidget(m_data);
    m_data->openFile(path);
}

void MainWindow::onDataLoaded(const LoadedDataPtr& data)
{
    m_data->setRecentFiles(m_store.addRecentFile(data->path));
    if (m_pendingExperiment) {
        const Experiment experiment = *std::exchange(m_pendingExperiment, std::nullopt);
        m_model->setSpec(experiment.spec);
        m_train->form()->readFrom(experiment.train);
        if (!experiment.dataSha256.empty() && experiment.dataSha256 != data->sha256)
            m_status->showMessage(tr("Note: %1 changed since the experiment was saved (SHA-256 differs).")
                                      .arg(QFileInfo(data->path).fileName()), 15000);
        if (!experiment.checkpointPath.isEmpty() && QFileInfo::exists(experiment.checkpointPath)) {
            m_keepSettingsOnOpen = true;   // the experiment's settings win over the checkpoint's record
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
    m_train->lossChart()->clear();
    m_controller->train(request);
}

void MainWindow::refreshShapes()
{
    const PipelineConfig config = m_data->pipelineConfig();
    m_model->setShape(int(std::max<std::size_t>(1, config.features.size())), config.horizon, config.sequence_length,
                      config.horizon);
}

void MainWindow::refreshBlockedReason()
{
    QString reason = m_data->configProblem();
    if (reason.isEmpty() && !m_model->problem().isEmpty())
        reason = tr("Model: %1").arg(m_model->problem());
    if (reason.isEmpty() && !m_train->form()->problem().isEmpty())
        reason = m_train->form()->problem();
    m_train->setBlockedReason(reason);
}

void MainWindow::refreshStatus()
{
    if (const LoadedDataPtr data = m_data->loadedData()) {
        const PipelineConfig config = m_data->pipelineConfig();
        m_status->setData(tr("%1 · %2 rows · %3 features → %4 (T %5, H %6)")
                              .arg(QFileInfo(data->path).fileName())
                              .arg(QLocale().toString(qulonglong(data->result.frame.rows())))
                              .arg(config.features.size())
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
    using State = TrainingController::State;
    if (m_controller->state() == State::Paused)
        m_status->setTraining(tr("Paused"));
    else if (m_controller->state() == State::Working)
        m_status->setTraining(tr("Working…"));
}

void MainWindow::showError(const QString& sentence)
{
    emit errorShown(sentence);
    m_train->showStatus(sentence, true);
    if (m_closing)
        return;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("LSTM Lab"), sentence, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();   // not exec(): never blocks the event loop (tests, training updates)
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_closing = true;
    saveLastSession();
    m_sweep->shutdown();        // cancels a running sweep; its trials stop after their batch
    m_controller->shutdown();   // stops training, lets the queued saves finish, joins the thread
    event->accept();
}

} // namespace lstmlab::ui
