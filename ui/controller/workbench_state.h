// WorkbenchState: the one record of what the workbench currently holds -- the data file shown in
// the Data step, the model the training session holds and the data file it was trained on (or
// opened with), the results shown -- and what each action may do with that. MainWindow updates it
// from the views and the controller; every view and action takes its enabled state and its notes
// from here (MainWindow::applyState), never from its own flags.
//
// "Stale": a model exists but was made on another file than the one now shown (a second CSV was
// opened after training). Its checkpoint, predictions and charts then belong to the previous file:
// exports are off, continuing is off, and the session file stores the data without that model.
#pragma once

#include "ui/common/snapshots.h"

#include <QObject>
#include <QString>

#include <string>

namespace lstmlab::ui {

class WorkbenchState : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // The file shown in the Data step (empty path: none).
    void setData(const QString& path, const std::string& sha256);
    // The session now holds a model trained on (or opened with) this file; sha256 may be empty.
    void setModel(const QString& dataPath, const std::string& sha256);
    void setResults(ResultsSnapshotPtr results);
    void setTraining(bool training);

    bool hasData() const { return !m_dataPath.isEmpty(); }
    bool hasModel() const { return !m_modelDataPath.isEmpty(); }
    bool hasResults() const { return m_results != nullptr; }
    bool isTraining() const { return m_training; }
    ResultsSnapshotPtr results() const { return m_results; }
    QString dataPath() const { return m_dataPath; }
    QString modelDataPath() const { return m_modelDataPath; }

    // A model exists and was made on another file than the one shown.
    bool isStale() const;
    bool canExportCheckpoint() const { return !m_training && hasModel() && !isStale(); }
    bool canExportResults() const { return !m_training && hasResults() && !isStale(); }
    // The results hold a forecast past the last row (not when the data is too short for a window).
    bool canExportForecast() const { return canExportResults() && m_results->future && m_results->future->forecast; }
    bool canContinueTraining() const { return !m_training && hasModel() && !isStale(); }
    // Why the exports are off: empty when they are not, else one sentence naming both files.
    QString staleNote() const;
    QString exportBlockedReason() const;
    // Why "Export forecast CSV" is off: exportBlockedReason(), or why there is no forecast.
    QString forecastBlockedReason() const;

signals:
    void changed();

private:
    QString m_dataPath;
    std::string m_dataSha;
    QString m_modelDataPath;
    std::string m_modelSha;
    ResultsSnapshotPtr m_results;
    bool m_training = false;
};

} // namespace lstmlab::ui
