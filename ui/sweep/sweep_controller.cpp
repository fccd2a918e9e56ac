#include "ui/sweep/sweep_controller.h"

#include "engine/io/atomic_file.h"
#include "ui/common/app_paths.h"
#include "ui/common/background_job.h"
#include "ui/common/progress_throttle.h"

#include <QDir>

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

namespace lstmlab::ui {

// Everything the sweep thread and its trial threads share; kept alive by both sides' shared_ptr.
struct SweepController::Run {
    SweepRequest request;
    std::unique_ptr<std::atomic<bool>[]> skip;                   // (trials) one flag per trial
    // (trials) each written only by the thread running that trial
    std::vector<ProgressThrottle> throttles;   // one per trial
    std::vector<std::size_t> epochsSent;
};

SweepController::SweepController(QObject* parent)
    : QObject(parent), m_job(new BackgroundJob(QStringLiteral("lstmlab-sweep"), BackgroundJob::Lifetime::PerRun, this))
{
}

SweepController::~SweepController() { shutdown(); }

void SweepController::start(const SweepRequest& request)
{
    if (m_running)
        return;
    auto run = std::make_shared<Run>();
    run->request = request;
    const std::size_t trials = request.plan.trials.size();
    run->skip = std::make_unique<std::atomic<bool>[]>(trials);
    run->throttles.resize(trials);
    run->epochsSent.resize(trials);
    m_run = run;
    m_folder = request.folder;
    m_running = true;
    m_job->run([this, run] { runOnThread(run); }, [this] {
        m_running = false;
        emit sweepFinished(m_job->isCancelled());
    });
}

void SweepController::cancel()
{
    m_job->cancel();
}

void SweepController::skip(int trialIndex)
{
    if (m_run && trialIndex >= 0 && std::size_t(trialIndex) < m_run->request.plan.trials.size())
        m_run->skip[std::size_t(trialIndex)] = true;
}

bool SweepController::isThreadRunning() const { return m_job->isRunning(); }

bool SweepController::isCancelled() const { return m_run && m_job->isCancelled(); }

void SweepController::shutdown()
{
    cancel();
    m_job->wait();   // trials stop after their batch; sweepFinished follows
}

// On the job's thread. Only posts to the GUI thread; never touches `this` beyond posting.
void SweepController::runOnThread(const std::shared_ptr<Run>& run)
{
    const SweepRequest& request = run->request;
    const auto post = [this](auto call) { m_job->post(std::move(call)); };
    SweepRunOptions options;
    options.data_path = request.dataPath.toStdString();
    options.results_csv = QDir(request.folder).filePath(QStringLiteral("results.csv")).toStdString();
    options.trials_dir = QDir(request.folder).filePath(QStringLiteral("trials")).toStdString();
    options.jobs = std::max(1, request.jobs);
    options.app_version = applicationVersion().toStdString();
    options.cancel = &m_job->cancelFlag();

    SweepCallbacks callbacks;
    callbacks.started = [&](const Trial& trial) {
        BackgroundJob::lowerCurrentThreadPriority();   // this is the thread that trains the trial
        post([this, index = trial.index] { emit trialStarted(index); });
    };
    callbacks.progress = [&](const Trial& trial, const TrainProgress& p) {
        const std::size_t k = std::size_t(trial.index);
        if (run->throttles[k].due()) {
            TrialProgressSnapshot s;
            s.index = trial.index;
            s.epoch = p.epoch;
            s.epochs = p.epochs;
            const double batches = std::max(1, p.batches);
            s.fraction = std::clamp(((p.epoch - 1) + p.batch / batches) / std::max(1, p.epochs), 0.0, 1.0);
            s.trainLoss = p.train_loss;
            s.etaSeconds = p.eta_seconds;
            if (p.state && p.state->history.size() != run->epochsSent[k]) {
                s.history = p.state->history;
                run->epochsSent[k] = s.history.size();
            }
            post([this, s = std::move(s)] { emit trialProgress(s); });
        }
        return !run->skip[k].load();
    };
    callbacks.finished = [&](const TrialResult& result) {
        post([this, r = std::make_shared<const TrialResult>(result)] { emit trialFinished(r); });
    };

    try {
        const std::vector<TrialResult> results = run_sweep(request.plan, options, callbacks);
        const std::string summary = sweep_summary_csv(summarize_sweep(results));
        write_file_atomic(QDir(request.folder).filePath(QStringLiteral("summary.csv")).toStdString(), summary);
    } catch (const std::exception& e) {
        post([this, sentence = QString::fromStdString(e.what())] { emit failed(sentence); });
    }
}

} // namespace lstmlab::ui
