#include "ui/controller/workbench_state.h"

#include <QFileInfo>

namespace lstmlab::ui {
namespace {

QString absolute(const QString& path) { return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath(); }

} // namespace

void WorkbenchState::setData(const QString& path, const std::string& sha256)
{
    m_dataPath = absolute(path);
    m_dataSha = sha256;
    emit changed();
}

void WorkbenchState::setModel(const QString& dataPath, const std::string& sha256)
{
    m_modelDataPath = absolute(dataPath);
    m_modelSha = sha256;
    emit changed();
}

void WorkbenchState::setResults(ResultsSnapshotPtr results)
{
    m_results = std::move(results);
    emit changed();
}

void WorkbenchState::setTraining(bool training)
{
    if (training == m_training)
        return;
    m_training = training;
    emit changed();
}

bool WorkbenchState::isStale() const
{
    if (!hasModel() || !hasData())
        return false;
    if (m_modelDataPath != m_dataPath)
        return true;
    // The same path with other contents (the file was rewritten and reopened).
    return !m_modelSha.empty() && !m_dataSha.empty() && m_modelSha != m_dataSha;
}

QString WorkbenchState::staleNote() const
{
    if (!isStale())
        return {};
    const QString model = QFileInfo(m_modelDataPath).fileName();
    const QString data = QFileInfo(m_dataPath).fileName();
    if (model == data)
        return tr("The model and results belong to the earlier contents of %1 (the file changed since): train "
                  "again or open a checkpoint. Exports are off until then.")
            .arg(data);
    return tr("The model and results belong to %1, not to %2 now open in Data: train again or open a checkpoint. "
              "Exports are off until then.")
        .arg(model, data);
}

QString WorkbenchState::exportBlockedReason() const
{
    if (m_training)
        return tr("Training is running: its model and results change until it ends.");
    if (isStale())
        return staleNote();
    if (!hasModel())
        return tr("There is no model yet: train one (Train step) or open a checkpoint.");
    return {};
}

QString WorkbenchState::forecastBlockedReason() const
{
    if (const QString reason = exportBlockedReason(); !reason.isEmpty())
        return reason;
    if (!m_results || !m_results->future)
        return tr("There are no results yet: train a model or open a checkpoint first.");
    if (!m_results->future->forecast)
        return tr("There is no forecast: %1").arg(m_results->future->problem);
    return {};
}

} // namespace lstmlab::ui
