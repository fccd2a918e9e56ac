// Support for the GUI suites: an isolated settings sandbox, a message handler that records Qt
// warnings (R10: closing must print none), and the sample dataset's path.
#pragma once

#include "tests/support/test_main.h"
#include "tests/support/test_support.h"
#include "ui/common/app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>

#include <mutex>

namespace lstmlab::test {

// QStandardPaths test mode (~/.qttest/...) so tests never touch the user's settings or data;
// every suite starts from empty settings and an empty app data folder. A suite run as
// `tests_ui tst_x` gets settings and a folder of its own ("LSTM Lab-tst_x"): suites run in parallel
// (ctest -j), and one clearing them must not delete another's sweep folder or session.
inline void useTestSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    ui::setApplicationIdentity();
    if (const std::string& suite = current_test_name(); !suite.empty())
        QCoreApplication::setApplicationName(QCoreApplication::applicationName() + QLatin1Char('-') +
                                             QString::fromStdString(suite));
    QSettings().clear();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

struct CliResult {
    int exitCode = -1;
    QString err;
};

inline QString sampleCsv() { return QString::fromStdString(source_path("resources/data/ohlcv_sample.csv")); }

// Records every qWarning/qCritical (thread-safe) while installed; forwards nothing else.
class WarningRecorder {
public:
    WarningRecorder() { s_self = this; m_previous = qInstallMessageHandler(&WarningRecorder::handle); }
    ~WarningRecorder() { qInstallMessageHandler(m_previous); s_self = nullptr; }
    QStringList warnings() const
    {
        std::lock_guard lock(m_mutex);
        return m_warnings;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        if (s_self && (type == QtWarningMsg || type == QtCriticalMsg)) {
            // The offscreen platform's own notices are not the application's.
            if (!message.contains(QLatin1String("This plugin does not support")) &&
                !message.contains(QLatin1String("XDG_RUNTIME_DIR"))) {
                std::lock_guard lock(s_self->m_mutex);
                s_self->m_warnings << message;
            }
        }
        if (s_self && s_self->m_previous)
            s_self->m_previous(type, context, message);
    }
    static inline WarningRecorder* s_self = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable std::mutex m_mutex;
    QStringList m_warnings;
};

} // namespace lstmlab::test
