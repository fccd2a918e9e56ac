#include "ui/common/app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace lstmlab::ui {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QString::fromLatin1(organisationName));
    QCoreApplication::setApplicationName(QString::fromLatin1(applicationName));
    QCoreApplication::setApplicationVersion(applicationVersion());
}

QString bundledSamplePath(const QString& name)
{
    const QString source = QStringLiteral(":/lstmlab/data/") + name;
    QFile resource(source);
    if (!resource.exists())
        return {};
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/samples");
    const QString target = folder + QLatin1Char('/') + name;
    const QFileInfo existing(target);
    if (existing.exists() && existing.size() == resource.size())
        return target;
    if (!QDir().mkpath(folder) || !resource.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = resource.readAll();
    QFile out(target);
    // A partial copy is caught by the size check above on the next start.
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(bytes) != bytes.size() || !out.flush())
        return {};
    return target;
}

QString applicationVersion() { return QStringLiteral(LSTMLAB_VERSION); }

} // namespace lstmlab::ui
