#include "ui/sweep/sweep_progress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lstmlab::ui {
namespace {

constexpr int barSteps = 1000;

QString durationText(double seconds)
{
    const int s = int(std::lround(seconds));
    if (s < 60)
        return QObject::tr("%1 s").arg(s);
    if (s < 3600)
        return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace

std::optional<double> sweepEtaSeconds(const std::vector<double>& finishedSeconds, const std::vector<RunningTrial>& running,
                                      int pendingTrials, int jobs)
{
    double perTrial = 0;
    if (!finishedSeconds.empty()) {
        perTrial = std::accumulate(finishedSeconds.begin(), finishedSeconds.end(), 0.0) / double(finishedSeconds.size());
    } else {
        // No trial has finished: extrapolate the running ones that are far enough along to tell.
        double sum = 0;
        int count = 0;
        for (const RunningTrial& r : running)
            if (r.fraction >= 0.02 && r.elapsedSeconds > 0) {
                sum += r.elapsedSeconds / r.fraction;
                ++count;
            }
        if (count == 0)
            return std::nullopt;
        perTrial = sum / count;
    }
    double work = pendingTrials;   // in trials
    for (const RunningTrial& r : running)
        work += 1.0 - std::clamp(r.fraction, 0.0, 1.0);
    const int active = pendingTrials + int(running.size());
    const int parallel = std::max(1, std::min(jobs, active));
    return perTrial * work / parallel;
}

SweepProgress::SweepProgress(QWidget* parent) : QWidget(parent)
{
    m_overall = new QProgressBar;
    m_overall->setRange(0, barSteps);
    m_overall->setValue(0);
    m_overall->setFormat(tr("no sweep yet"));
    m_eta = new QLabel;
    m_eta->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_overall);
    layout->addWidget(m_eta);
    layout->addLayout(m_rowsLayout);
    layout->addStretch(1);
    m_refresh = new QTimer(this);
    m_refresh->setInterval(refreshIntervalMs);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        if (m_dirty)
            refresh();
    });
}

void SweepProgress::begin(const SweepPlan& plan, int jobs)
{
    for (auto& [index, row] : m_rows)
        delete row.widget;
    m_rows.clear();
    m_plan = plan;
    m_jobs = std::max(1, jobs);
    m_done = 0;
    m_failed = 0;
    m_firstFailure.clear();
    m_eta->setStyleSheet(QString());
    m_finishedSeconds.clear();
    m_eta->setText(tr("Starting %n trial(s) on %1 parallel job(s)…", nullptr, int(plan.trials.size())).arg(m_jobs));
    refresh();
    m_refresh->start();
}

void SweepProgress::trialStarted(int index)
{
    if (index < 0 || std::size_t(index) >= m_plan.trials.size() || m_rows.count(index))
        return;
    const Trial& trial = m_plan.trials[std::size_t(index)];
    Row row;
    row.widget = new QWidget;
    auto* layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    row.label = new QLabel(tr("#%1  %2  seed %3").arg(index + 1).arg(QString::fromStdString(trial.label())).arg(trial.options.train.seed));
    row.label->setToolTip(row.label->text());
    row.label->setMinimumWidth(60);
    row.bar = new QProgressBar;
    row.bar->setRange(0, barSteps);
    row.bar->setFixedWidth(210);
    row.bar->setFormat(tr("starting"));
    auto* skip = new QPushButton(tr("Skip"));
    skip->setObjectName(QStringLiteral("skip_trial_%1").arg(index + 1));
    skip->setToolTip(tr("Stop this trial after its current batch; the other trials go on."));
    connect(skip, &QPushButton::clicked, this, [this, index, skip] {
        skip->setEnabled(false);
        emit skipRequested(index);
    });
    layout->addWidget(row.label, 1);
    layout->addWidget(row.bar);
    layout->addWidget(skip);
    row.clock.start();
    m_rowsLayout->addWidget(row.widget);
    m_rows.emplace(index, row);
    m_dirty = true;
}

void SweepProgress::trialProgress(const TrialProgressSnapshot& s)
{
    const auto it = m_rows.find(s.index);
    if (it == m_rows.end())
        return;
    Row& row = it->second;
    row.fraction = s.fraction;
    row.text = std::isfinite(s.trainLoss) ? tr("epoch %1/%2 · loss %3").arg(s.epoch).arg(s.epochs).arg(s.trainLoss, 0, 'g', 3)
                                          : tr("epoch %1/%2").arg(s.epoch).arg(s.epochs);
    m_dirty = true;
}

void SweepProgress::trialFinished(const TrialResult& result)
{
    if (const auto it = m_rows.find(result.index); it != m_rows.end()) {
        delete it->second.widget;
        m_rows.erase(it);
    }
    ++m_done;
    if (result.status == "failed" && m_failed++ == 0)
        m_firstFailure = tr("trial %1: %2").arg(result.index + 1).arg(QString::fromStdString(result.message));
    if (result.completed() && !result.reused)
        m_finishedSeconds.push_back(result.seconds);
    m_dirty = true;
}

void SweepProgress::end(bool cancelled, const QString& error)
{
    m_refresh->stop();
    m_dirty = false;
    for (auto& [index, row] : m_rows)
        delete row.widget;
    m_rows.clear();
    const int total = int(m_plan.trials.size());
    m_overall->setValue(cancelled ? m_overall->value() : barSteps);
    m_overall->setFormat(tr("%1 of %2 trials").arg(m_done).arg(total));
    // Failures are said here, in words, not only in the table's tooltips.
    const bool allFailed = m_done > 0 && m_failed == m_done;
    m_eta->setStyleSheet(!error.isEmpty() || allFailed ? QStringLiteral("color: #b03030; font-weight: bold;") : QString());
    if (!error.isEmpty())
        m_eta->setText(error);
    else if (allFailed)
        m_eta->setText(tr("Every trial failed (%1 of %1); first reason, %2").arg(m_done).arg(m_firstFailure));
    else if (m_failed > 0)
        m_eta->setText(tr("%1: %2 trials, %3 failed; first reason, %4")
                           .arg(cancelled ? tr("Cancelled") : tr("Finished"))
                           .arg(m_done)
                           .arg(m_failed)
                           .arg(m_firstFailure));
    else
        m_eta->setText(cancelled ? tr("Cancelled after %n trial(s).", nullptr, m_done) : tr("Finished: %n trial(s).", nullptr, m_done));
}

void SweepProgress::refresh()
{
    m_dirty = false;
    const int total = int(m_plan.trials.size());
    std::vector<RunningTrial> running;
    double partial = 0;
    for (const auto& [index, row] : m_rows) {
        running.push_back({row.fraction, row.clock.elapsed() / 1000.0});
        partial += row.fraction;
        row.bar->setValue(int(std::lround(row.fraction * barSteps)));
        if (!row.text.isEmpty())
            row.bar->setFormat(row.text);
    }
    m_overall->setValue(total ? int(std::lround((m_done + partial) / total * barSteps)) : 0);
    m_overall->setFormat(tr("%1 of %2 trials · %p%").arg(m_done).arg(total));
    const int pending = std::max(0, total - m_done - int(m_rows.size()));
    const std::optional<double> eta = sweepEtaSeconds(m_finishedSeconds, running, pending, m_jobs);
    if (m_done < total && !m_rows.empty())
        m_eta->setText(eta ? tr("%1 running · about %2 left").arg(m_rows.size()).arg(durationText(*eta))
                           : tr("%1 running · estimating the time left…").arg(m_rows.size()));
}

} // namespace lstmlab::ui
