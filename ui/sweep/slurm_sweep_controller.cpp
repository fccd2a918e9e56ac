#include "ui/sweep/slurm_sweep_controller.h"

#include "engine/core/error.h"
#include "engine/workflow/slurm_submission.h"
#include "engine/workflow/sweep_assembly.h"
#include "ui/common/background_job.h"

#include <QFileInfo>

#include <condition_variable>
#include <mutex>
#include <optional>

namespace lstmlab::ui {

// What the GUI thread and the worker share. The GUI thread writes `action` and `stop` under `mutex`;
// the worker alone touches `folder`.
struct SlurmSweepController::Worker {
    enum class Action { None, Submit, Resubmit };
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;
    Action action = Action::None;
    SlurmSubmitRequest request;                 // Submit; Resubmit uses its options and cliPath
    std::string trialsDir;
    std::chrono::milliseconds interval{3000};
    std::optional<SweepFolder> folder;
};

SlurmSweepController::SlurmSweepController(QObject* parent)
    : QObject(parent), m_job(new BackgroundJob(QStringLiteral("lstmlab-slurm"), BackgroundJob::Lifetime::PerRun, this))
{
}

SlurmSweepController::~SlurmSweepController() { detach(); }

QString SlurmSweepController::trialsDirOf(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (is_sweep_folder(absolute.toStdString()))
        return absolute;
    if (!QFileInfo(path).isDir()) {
        const QString trials = QString::fromStdString(default_trials_dir(absolute.toStdString()));
        if (is_sweep_folder(trials.toStdString()))
            return trials;
    }
    throw Error(absolute.toStdString() + ": neither a sweep's trials folder (it holds no sweep.json) nor a results "
                "CSV with one beside it (RESULTS.trials)");
}

void SlurmSweepController::submit(const SlurmSubmitRequest& request)
{
    detach();
    auto worker = std::make_shared<Worker>();
    worker->action = Worker::Action::Submit;
    worker->request = request;
    worker->trialsDir = default_trials_dir(request.resultsCsv.toStdString());
    startWorker(worker);
}

void SlurmSweepController::attach(const QString& trialsDirOrResultsCsv)
{
    detach();
    auto worker = std::make_shared<Worker>();
    try {
        worker->trialsDir = trialsDirOf(trialsDirOrResultsCsv).toStdString();
    } catch (const std::exception& e) {
        emit failed(QString::fromUtf8(e.what()));
        return;
    }
    startWorker(worker);
}

void SlurmSweepController::resubmit(const SlurmOptions& options, const QString& cliPath)
{
    if (!m_worker)
        return;
    {
        const std::lock_guard lock(m_worker->mutex);
        m_worker->action = Worker::Action::Resubmit;
        m_worker->request.options = options;
        m_worker->request.cliPath = cliPath;
    }
    m_worker->wake.notify_all();
}

void SlurmSweepController::detach()
{
    if (m_worker) {
        {
            const std::lock_guard lock(m_worker->mutex);
            m_worker->stop = true;
        }
        m_worker->wake.notify_all();
    }
    m_job->cancel();
    m_job->wait();   // at most one squeue or sbatch call away
    m_worker.reset();
}

void SlurmSweepController::startWorker(const std::shared_ptr<Worker>& worker)
{
    worker->interval = m_interval;
    m_worker = worker;
    m_trialsDir = QString::fromStdString(worker->trialsDir);
    m_job->run([this, worker] { follow(*worker); });
}

// On the job's thread: never touches `this` beyond posting (detach() joins first).
void SlurmSweepController::follow(Worker& w)
{
    const auto post = [this](auto call) { m_job->post(std::move(call)); };
    for (bool firstPass = true;; firstPass = false) {
        Worker::Action action;
        SlurmSubmitRequest request;
        {
            std::unique_lock lock(w.mutex);
            if (w.stop)
                return;
            action = std::exchange(w.action, Worker::Action::None);
            request = w.request;
        }
        try {
            if (action == Worker::Action::Submit) {
                w.folder = write_sweep_folder(request.plan, request.dataPath.toStdString(),
                                              request.resultsCsv.toStdString(), w.trialsDir);
            } else if (firstPass) {
                w.folder = read_sweep_folder(w.trialsDir);
            }
            if (firstPass)
                post([this, f = std::make_shared<const SweepFolder>(*w.folder)] { emit folderReady(f); });
            if (action != Worker::Action::None) {
                const std::string script = write_slurm_script(*w.folder, request.options, request.cliPath.toStdString());
                const SlurmSubmission s = submit_sweep_folder(*w.folder, script, request.options.max_running);
                post([this, id = QString::fromStdString(s.job_id), trials = QString::fromStdString(slurm_array_ranges(s.trials))] {
                    emit submitted(id, trials);
                });
            }
        } catch (const std::exception& e) {
            post([this, sentence = QString::fromUtf8(e.what())] { emit failed(sentence); });
            if (!w.folder)
                return;   // nothing to follow
        }
        auto snap = std::make_shared<SlurmSweepSnapshot>();
        try {
            snap->status = query_sweep_status(*w.folder);
            snap->following = snap->status.waiting() || !snap->status.queue_problem.empty();
            snap->results = snap->following ? read_sweep_results(*w.folder) : assemble_sweep_results(*w.folder);
            snap->progressLine = QString::fromStdString(sweep_progress_line(snap->status));
            snap->problems = QString::fromStdString(sweep_problems_text(snap->status, *w.folder));
        } catch (const std::exception& e) {
            snap->following = true;   // a file being written, a full disk: try again next time
            snap->problems = QString::fromUtf8(e.what());
        }
        const bool following = snap->following;
        post([this, s = SlurmSnapshotPtr(std::move(snap))] { emit snapshot(s); });
        std::unique_lock lock(w.mutex);
        const auto ready = [&w] { return w.stop || w.action != Worker::Action::None; };
        if (following)
            w.wake.wait_for(lock, w.interval, ready);
        else
            w.wake.wait(lock, ready);   // all ended: until Resubmit or detach
    }
}

} // namespace lstmlab::ui
