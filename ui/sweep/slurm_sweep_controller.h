// SlurmSweepController: a sweep run as a Slurm job array, from the workbench. Its background job
// (ui/common/background_job.h; one task per attached sweep, posting to the GUI thread) does every slow
// or blocking step -- writing the trials folder (hashing the data file), sbatch, squeue and sacct,
// reading the trials' result files -- so the GUI thread never waits on the scheduler.
//
// The worker: performs the requested action (submit a new sweep, resubmit its unfinished trials, or
// nothing when it only reattaches), then polls query_sweep_status every `pollInterval` and posts a
// snapshot (the status of every trial, the results of the trials that ended, the progress line and the
// problems) to the GUI thread. When no trial waits in the queue any more it assembles RESULTS.csv and
// its summary (as `lstmlab-cli sweep-status` does) and sleeps until the next action or shutdown.
// The jobs belong to Slurm: stopping to follow (detach(), closing the window) leaves them running, and
// attach() on the trials folder -- or its results CSV -- picks the sweep up again from its files.
#pragma once

#include "engine/workflow/slurm_script.h"
#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_runner.h"
#include "engine/workflow/sweep_status.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace lstmlab::ui {

class BackgroundJob;

struct SlurmSubmitRequest {
    SweepPlan plan;
    QString dataPath;
    QString resultsCsv;        // absolute; the trials folder is default_trials_dir(resultsCsv)
    SlurmOptions options;
    QString cliPath;           // the lstmlab-cli the array tasks run (absolute)
};

// What one poll found.
struct SlurmSweepSnapshot {
    SweepStatus status;
    std::vector<TrialResult> results;   // the trials that ended, in trial order (read_sweep_results)
    QString progressLine;               // sweep_progress_line
    QString problems;                   // sweep_problems_text ("" when none)
    bool following = true;              // false: nothing waits in the queue, the results are assembled
};

using SlurmSnapshotPtr = std::shared_ptr<const SlurmSweepSnapshot>;
using SweepFolderPtr = std::shared_ptr<const SweepFolder>;

class SlurmSweepController : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds defaultPollInterval{3000};

    explicit SlurmSweepController(QObject* parent = nullptr);
    ~SlurmSweepController() override;

    // Writes the trials folder and its script, submits every trial, then follows the array.
    void submit(const SlurmSubmitRequest& request);
    // Follows the sweep of a trials folder (or of the results CSV beside it).
    void attach(const QString& trialsDirOrResultsCsv);
    // Rewrites the script with `options` and submits the trials that neither finished nor wait in the
    // queue (lstmlab-cli sweep --resume); then follows again.
    void resubmit(const SlurmOptions& options, const QString& cliPath);
    // Stops following (the jobs run on) and joins the worker.
    void detach();
    void shutdown() { detach(); }

    bool isAttached() const { return m_worker != nullptr; }
    // The trials folder followed (empty before the first attach or submit).
    QString trialsDir() const { return m_trialsDir; }
    void setPollInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    // The trials folder of `path`: the folder itself when it holds a sweep.json, else a results CSV's
    // default trials folder. Throws Error with one sentence when it is neither.
    static QString trialsDirOf(const QString& path);

signals:
    // The folder was written or read: the trials (for the table) are known.
    void folderReady(const lstmlab::ui::SweepFolderPtr& folder);
    void submitted(const QString& jobId, const QString& trials);
    void snapshot(const lstmlab::ui::SlurmSnapshotPtr& snapshot);
    void failed(const QString& sentence);

private:
    struct Worker;
    void startWorker(const std::shared_ptr<Worker>& worker);
    void follow(Worker& w);   // the job's task

    BackgroundJob* m_job;   // a child
    std::shared_ptr<Worker> m_worker;
    QString m_trialsDir;
    std::chrono::milliseconds m_interval = defaultPollInterval;
};

} // namespace lstmlab::ui
