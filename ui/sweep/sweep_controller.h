// SweepController: runs a sweep on its background job (ui/common/background_job.h; engine run_sweep,
// which trains `jobs` trials at a time on its own std::threads, each trial single-threaded) and turns
// the engine's callbacks into signals on the GUI thread.
//
// The callbacks come from the trial threads. They never touch a widget: they copy what the GUI needs
// into value snapshots and post them through the job, so every signal below is emitted on the GUI
// thread, in the order the engine reported. Progress is throttled to one snapshot per
// ProgressThrottle::interval per trial, epoch ends included (tiny models finish hundreds of epochs a second);
// the finished trial's result carries its whole history.
//
// Trial threads lower their own scheduling priority (BackgroundJob::lowerCurrentThreadPriority) when
// their first trial starts: with a trial on every core, the GUI thread still gets a core as soon as it
// wakes (R9).
//
// Cancel is the job's atomic flag, which the engine reads: running trials stop after their current
// batch and no new one starts. Skip is one atomic flag per trial, read by the progress callback, which
// then returns false (that trial stops; the others go on). shutdown() -- also the destructor -- cancels
// and joins (R10: closing the window mid-sweep ends cleanly).
#pragma once

#include "engine/workflow/sweep_runner.h"

#include <QObject>
#include <QString>

#include <memory>

namespace lstmlab::ui {

class BackgroundJob;

struct SweepRequest {
    QString dataPath;
    SweepPlan plan;
    QString folder;            // results.csv, summary.csv and trials/ go here
    int jobs = 1;
};

// A running trial's progress. E = completed epochs.
struct TrialProgressSnapshot {
    int index = 0;                         // trial index (0-based)
    int epoch = 0;                         // 1-based, the epoch running
    int epochs = 0;
    double fraction = 0;                   // of the trial's batches done, 0..1
    double trainLoss = not_measured;       // running mean of this epoch
    double etaSeconds = 0;                 // the trainer's estimate for this trial
    std::vector<EpochRecord> history;      // (E) when epochs ended since the last snapshot; else empty
};

using TrialResultPtr = std::shared_ptr<const TrialResult>;

class SweepController : public QObject {
    Q_OBJECT
public:
    explicit SweepController(QObject* parent = nullptr);
    ~SweepController() override;

    // Starts the sweep on the thread; ignored while one runs.
    void start(const SweepRequest& request);
    void cancel();
    void skip(int trialIndex);
    void shutdown();

    // From start() until sweepFinished has been emitted.
    bool isRunning() const { return m_running; }
    bool isThreadRunning() const;
    bool isCancelled() const;
    // The folder of the running or last sweep (empty before the first).
    QString resultsFolder() const { return m_folder; }

signals:
    void trialStarted(int index);
    void trialProgress(const lstmlab::ui::TrialProgressSnapshot& snapshot);
    void trialFinished(const lstmlab::ui::TrialResultPtr& result);
    void failed(const QString& sentence);
    // After the last trial (or the cancel); `cancelled` tells which.
    void sweepFinished(bool cancelled);

private:
    struct Run;
    void runOnThread(const std::shared_ptr<Run>& run);

    BackgroundJob* m_job;   // a child
    std::shared_ptr<Run> m_run;
    bool m_running = false;
    QString m_folder;
};

} // namespace lstmlab::ui
