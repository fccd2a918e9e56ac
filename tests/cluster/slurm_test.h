// Helpers of the tests that run lstmlab-cli against the one-node Slurm of slurm_cluster.sh (CTest
// starts it once for all of them; SLURM_CONF points every child at it).
#pragma once

#include "../app/cli_runner.h"
#include "test_support.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <functional>

namespace lstmlab::test {

// Any program (scancel, sbatch, pgrep, kill), with its output.
inline CliRun run_program(const QString& program, const QStringList& arguments, int timeout_ms = 30000)
{
    QProcess process;
    process.start(program, arguments);
    CliRun run;
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Polls `done` every 50 ms; false when `timeout_ms` passed first.
inline bool wait_until(const std::function<bool()>& done, int timeout_ms)
{
    const QDeadlineTimer deadline(timeout_ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(50);
    }
    return true;
}

// A results CSV without its last two columns (seconds and the checkpoint path differ between runs).
inline QString result_columns(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "(cannot read " + path + ")";
    QString out;
    for (const QByteArray& line : file.readAll().split('\n'))
        if (!line.isEmpty())
            out += QString::fromUtf8(line).section(',', 0, -3) + "\n";
    return out;
}

// Writes a small text file (a sweep file); false when it cannot.
inline bool write_text(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

inline QByteArray file_bytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The bundled monthly CO2 series: small, so trials of a 4-unit model take a fraction of a second.
inline QString co2_path()
{
    return QString::fromStdString(source_path("resources/data/co2.csv"));
}

} // namespace lstmlab::test
