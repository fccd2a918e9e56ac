// Runs lstmlab-cli as a user would (a child process) and captures what it printed.
#pragma once

#include <QFile>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace lstmlab::test {

struct CliRun {
    int exit_code = -1;
    QString out;
    QString err;
};

// `working_dir` empty: the current directory. Fails the calling test (returns exit_code -1) when the
// program cannot start or runs longer than `timeout_ms`.
inline CliRun run_cli(const QStringList& arguments, const QString& working_dir = {}, int timeout_ms = 120000)
{
    QProcess process;
    if (!working_dir.isEmpty())
        process.setWorkingDirectory(working_dir);
    process.start(QStringLiteral(LSTMLAB_CLI_PATH), arguments);
    CliRun run;
    if (!process.waitForFinished(timeout_ms) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exit_code = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// The rows of a CSV the CLI wrote, split at commas (its files quote nothing the tests read).
inline QList<QStringList> read_csv(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QStringList> rows;
    for (const QByteArray& line : file.readAll().split('\n'))
        if (!line.isEmpty())
            rows.append(QString::fromUtf8(line).split(','));
    return rows;
}

} // namespace lstmlab::test
