// MainWindow's file actions: checkpoints, predictions, the forecast, the fold table, chart images, experiments and the last
// session. Split from main_window.cpp so that file stays about assembling and wiring.
#include "ui/main_window.h"

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/io/file_identity.h"
#include "engine/io/forecast_csv.h"
#include "engine/train/walk_forward_table.h"
#include "ui/common/setting_words.h"
#include "ui/controller/training_controller.h"
#include "ui/controller/workbench_state.h"
#include "ui/data/data_view.h"
#include "ui/model/model_view.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/results_view.h"
#include "ui/results/walk_forward_view.h"
#include "ui/session/predictions_csv.h"
#include "ui/status_strip.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/loss_chart.h"
#include "ui/train/train_view.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTabWidget>

namespace lstmlab::ui {

QString MainWindow::overwritesAnInput(const QString& path) const
{
    const std::string target = path.toStdString();
    if (const LoadedDataPtr data = m_data->loadedData(); data && same_file(target, data->path.toStdString()))
        return tr("%1 is the data file open in the workbench; saving there would overwrite it, so choose another file.")
            .arg(path);
    if (!m_openedCheckpointPath.isEmpty() && same_file(target, m_openedCheckpointPath.toStdString()))
        return tr("%1 is the checkpoint the workbench opened its model from; saving there would overwrite it, so choose "
                  "another file.")
            .arg(path);
    return {};
}

void MainWindow::exportCheckpoint(const QString& path)
{
    if (!m_state->canExportCheckpoint())
        return showError(tr("No checkpoint was saved. %1").arg(m_state->exportBlockedReason()));
    if (const QString refusal = overwritesAnInput(path); !refusal.isEmpty())
        return showError(refusal);
    m_checkpointPath = path;
    m_status->begin(tr("Saving checkpoint %1…").arg(QFileInfo(path).fileName()));
    m_controller->saveCheckpoint(path);
}

void MainWindow::openCheckpoint(const QString& path)
{
    const LoadedDataPtr data = m_data->loadedData();
    m_status->begin(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_controller->openCheckpoint(path, data ? data->path : QString());
}

void MainWindow::onCheckpointOpened(const OpenedCheckpointPtr& opened)
{
    m_checkpointPath = opened->checkpointPath;
    m_openedCheckpointPath = opened->checkpointPath;
    m_state->setModel(opened->dataPath, {});
    const QString name = QFileInfo(opened->checkpointPath).fileName();
    showSuccess(opened->note.isEmpty() ? tr("Opened %1").arg(name) : tr("Opened %1. %2").arg(name, opened->note));
    if (std::exchange(m_keepSettingsOnOpen, false))
        return;
    const LoadedDataPtr data = m_data->loadedData();
    if (!data || QFileInfo(data->path) != QFileInfo(opened->dataPath))
        m_data->openFile(opened->dataPath);
    m_data->setPipelineConfig(opened->pipeline);
    m_model->setSpec(opened->spec);
    if (opened->train)
        m_train->form()->readFrom(*opened->train);
    m_tabs->setCurrentWidget(m_results);
}

void MainWindow::exportPredictions(const QString& path)
{
    if (!m_state->canExportResults())
        return showError(tr("No predictions were saved. %1").arg(resultsBlockedReason()));
    if (const QString refusal = overwritesAnInput(path); !refusal.isEmpty())
        return showError(refusal);
    try {
        savePredictionsCsv(path, *m_state->results());
        showSuccess(tr("Predictions saved: %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& e) {
        showError(errorText(e));
    }
}

void MainWindow::exportForecast(const QString& path)
{
    if (!m_state->canExportForecast())
        return showError(tr("No forecast was saved. %1").arg(m_state->forecastBlockedReason()));
    if (const QString refusal = overwritesAnInput(path); !refusal.isEmpty())
        return showError(refusal);
    try {
        const FutureSnapshot& future = *m_state->results()->future;
        write_file_atomic(path.toStdString(), forecast_csv(*future.forecast, future.timeName.toStdString()));
        showSuccess(tr("Forecast saved: %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& e) {
        showError(errorText(e));
    }
}

void MainWindow::exportWalkForward(const QString& path)
{
    const WalkForwardResultPtr result = m_results->walkForwardView()->result();
    if (!result)
        return showError(tr("No fold table was saved: run the walk-forward evaluation first."));
    if (const QString refusal = overwritesAnInput(path); !refusal.isEmpty())
        return showError(refusal);
    try {
        write_file_atomic(path.toStdString(), walk_forward_csv(*result));
        showSuccess(tr("Fold table saved: %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& e) {
        showError(errorText(e));
    }
}

QString MainWindow::resultsBlockedReason() const
{
    return m_state->hasResults() ? m_state->exportBlockedReason()
                                 : tr("There are no results yet: train a model or open a checkpoint first.");
}

void MainWindow::saveChartImages(const QString& folder)
{
    if (!m_state->canExportResults())
        return showError(tr("No chart images were saved. %1").arg(resultsBlockedReason()));
    std::vector<std::pair<QString, QWidget*>> charts = m_results->chartWidgets();
    charts.emplace_back(QStringLiteral("loss"), m_train->lossChart());
    QStringList failed;
    for (const auto& [stem, widget] : charts) {
        const QString path = QDir(folder).filePath(stem + QStringLiteral(".png"));
        auto* heatmap = qobject_cast<AttentionHeatmap*>(widget);
        const QPixmap image = heatmap ? heatmap->exportImage() : widget->grab();   // without the selection outline
        if (!image.save(path, "PNG"))
            failed << path;
    }
    if (!failed.isEmpty())
        showError(tr("Could not write %1.").arg(failed.join(QStringLiteral(", "))));
    else
        showSuccess(tr("Chart images saved in %1").arg(QDir::toNativeSeparators(folder)));
}

Experiment MainWindow::currentExperiment() const
{
    Experiment experiment;
    if (const LoadedDataPtr data = m_data->loadedData()) {
        experiment.dataPath = QFileInfo(data->path).absoluteFilePath();
        experiment.dataSha256 = data->sha256;
    }
    experiment.pipeline = m_data->pipelineConfig();
    experiment.spec = m_model->spec();
    experiment.train = m_train->form()->config();
    return experiment;
}

void MainWindow::saveExperiment(const QString& path)
{
    try {
        Experiment experiment = currentExperiment();
        if (const QString refusal = overwritesAnInput(path); !refusal.isEmpty())
            return showError(refusal);
        if (m_state->canExportCheckpoint()) {   // never the previous file's model beside this file
            QString stem = path;
            stem.remove(QRegularExpression(QStringLiteral("(\\.lstmlab)?\\.json$")));
            experiment.checkpointPath = stem + QStringLiteral(".safetensors");
            if (const QString refusal = overwritesAnInput(experiment.checkpointPath); !refusal.isEmpty())
                return showError(refusal);
            m_controller->saveCheckpoint(experiment.checkpointPath);
        }
        lstmlab::ui::saveExperiment(path, experiment);
        setWindowModified(false);
        showSuccess(tr("Experiment saved: %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& e) {
        showError(errorText(e));
    }
}

void MainWindow::openExperiment(const QString& path)
{
    try {
        const Experiment experiment = loadExperiment(path);
        m_pendingExperiment = experiment;
        m_data->openFile(experiment.dataPath);
        m_data->setPipelineConfig(experiment.pipeline);
        m_tabs->setCurrentWidget(m_data);
        setWindowModified(false);
    } catch (const std::exception& e) {
        showError(errorText(e));
    }
}

void MainWindow::saveLastSession()
{
    if (!m_data->loadedData())
        return;
    try {
        Experiment experiment = currentExperiment();
        // The data and the model are stored as a pair: a model made on another file stays out, so
        // the next start never tries to open it on data it cannot read.
        if (m_state->hasModel() && !m_state->isStale()) {
            experiment.checkpointPath = m_store.lastSessionCheckpointPath();
            m_controller->saveCheckpoint(experiment.checkpointPath);
        }
        lstmlab::ui::saveExperiment(m_store.lastSessionExperimentPath(), experiment);
        m_store.setHasLastSession(true);
    } catch (const std::exception&) {
        m_store.setHasLastSession(false);   // the next start opens the sample instead
    }
}

bool MainWindow::restoreLastSession()
{
    if (!m_store.hasLastSession())
        return false;
    try {
        const Experiment experiment = loadExperiment(m_store.lastSessionExperimentPath());
        if (!QFileInfo::exists(experiment.dataPath))
            return false;
        m_pendingExperiment = experiment;
        m_data->openFile(experiment.dataPath);
        m_data->setPipelineConfig(experiment.pipeline);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace lstmlab::ui
