#include "ui/session/session_store.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace lstmlab::ui {
namespace {

QString sessionFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/session");
    QDir().mkpath(folder);
    return folder;
}

} // namespace

QStringList SessionStore::recentFiles() const
{
    QStringList out;
    for (const QString& path : QSettings().value(QStringLiteral("recentFiles")).toStringList())
        if (QFileInfo::exists(path))
            out << path;
    return out;
}

QStringList SessionStore::addRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > maxRecentFiles)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
    return files;
}

QString SessionStore::lastSessionExperimentPath() const { return sessionFolder() + QStringLiteral("/last.lstmlab.json"); }

QString SessionStore::lastSessionCheckpointPath() const { return sessionFolder() + QStringLiteral("/last.safetensors"); }

bool SessionStore::hasLastSession() const
{
    return QSettings().value(QStringLiteral("lastSession/saved"), false).toBool() &&
           QFileInfo::exists(lastSessionExperimentPath());
}

void SessionStore::setHasLastSession(bool saved) { QSettings().setValue(QStringLiteral("lastSession/saved"), saved); }

QString SessionStore::slurmSweep() const { return QSettings().value(QStringLiteral("lastSession/slurmSweep")).toString(); }

void SessionStore::setSlurmSweep(const QString& trialsDir)
{
    QSettings().setValue(QStringLiteral("lastSession/slurmSweep"), trialsDir);
}

} // namespace lstmlab::ui
