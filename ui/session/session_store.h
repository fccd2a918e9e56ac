// SessionStore: what the workbench remembers between starts, in QSettings (organisation "LSTMLab"):
// the recent data files and the last session (an experiment file plus its checkpoint, kept under
// the app data folder), and the trials folder of the Slurm sweep the Sweep tab follows (reattached
// on the next start). Tests enable QStandardPaths' test mode so the user's settings stay untouched.
#pragma once

#include <QString>
#include <QStringList>

namespace lstmlab::ui {

class SessionStore {
public:
    static constexpr int maxRecentFiles = 8;

    QStringList recentFiles() const;
    // Puts `path` first (absolute), drops duplicates and files that no longer exist.
    QStringList addRecentFile(const QString& path);

    // Where the last session's experiment and checkpoint are written on close.
    QString lastSessionExperimentPath() const;
    QString lastSessionCheckpointPath() const;
    bool hasLastSession() const;
    void setHasLastSession(bool saved);

    // The Slurm sweep followed at close ("" when none).
    QString slurmSweep() const;
    void setSlurmSweep(const QString& trialsDir);
};

} // namespace lstmlab::ui
