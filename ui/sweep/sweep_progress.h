// SweepProgress: the overall bar with the trial count and an ETA, then one row per running trial
// (its label, its own bar with epoch and loss, and a Skip button that stops that trial only).
//
// Snapshots only record values; a 250 ms timer repaints the bars and labels (a sweep of tiny
// models sends dozens of snapshots a second, and each repaint costs the GUI thread).
// ETA = seconds per trial x trials of work left / parallel jobs, where seconds per trial is the
// mean of the finished trials (before the first one finishes: the running trials' elapsed time
// divided by their fraction done) and the work left counts a running trial as its unfinished part.
#pragma once

#include "ui/sweep/sweep_controller.h"

#include <QElapsedTimer>
#include <QWidget>

#include <map>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace lstmlab::ui {

struct RunningTrial {
    double fraction = 0;       // 0..1
    double elapsedSeconds = 0;
};

// Seconds left, or nothing while there is no basis for an estimate.
std::optional<double> sweepEtaSeconds(const std::vector<double>& finishedSeconds, const std::vector<RunningTrial>& running,
                                      int pendingTrials, int jobs);

class SweepProgress : public QWidget {
    Q_OBJECT
public:
    static constexpr int refreshIntervalMs = 250;

    explicit SweepProgress(QWidget* parent = nullptr);

    void begin(const SweepPlan& plan, int jobs);
    void trialStarted(int index);
    void trialProgress(const TrialProgressSnapshot& snapshot);
    void trialFinished(const TrialResult& result);
    void end(bool cancelled, const QString& error = {});

    QProgressBar* overallBar() const { return m_overall; }
    QLabel* etaLabel() const { return m_eta; }
    int failedTrials() const { return m_failed; }
    int runningRows() const { return int(m_rows.size()); }

signals:
    void skipRequested(int trialIndex);

private:
    struct Row {
        QWidget* widget;
        QLabel* label;
        QProgressBar* bar;
        QElapsedTimer clock;
        double fraction = 0;
        QString text;          // "epoch 3/15 · loss 0.0123"
    };
    // Repaints what changed since the last refresh.
    void refresh();

    SweepPlan m_plan;
    int m_jobs = 1;
    int m_done = 0;
    int m_failed = 0;
    QString m_firstFailure;     // the first failed trial's reason, shown when the sweep ends
    std::vector<double> m_finishedSeconds;
    std::map<int, Row> m_rows;   // running trials by index
    QProgressBar* m_overall;
    QLabel* m_eta;
    QVBoxLayout* m_rowsLayout;
    QTimer* m_refresh;
    bool m_dirty = false;
};

} // namespace lstmlab::ui
