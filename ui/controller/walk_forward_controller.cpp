#include "ui/controller/walk_forward_controller.h"

#include "engine/core/error.h"
#include "engine/data/csv_load.h"
#include "ui/common/background_job.h"
#include "ui/common/progress_throttle.h"
#include "ui/common/setting_words.h"

#include <algorithm>
#include <optional>

namespace lstmlab::ui {

// One run: written by the job's thread, read by `done` on the GUI thread after the task returned.
struct WalkForwardController::Run {
    WalkForwardRequest request;
    ProgressThrottle throttle;
    WalkForwardResultPtr result;   // null when cancelled or failed
    std::optional<QString> error;  // the failure's sentence
};

WalkForwardController::WalkForwardController(QObject* parent)
    : QObject(parent), m_job(new BackgroundJob(QStringLiteral("lstmlab-walk-forward"), BackgroundJob::Lifetime::PerRun, this))
{
    qRegisterMetaType<WalkForwardProgressSnapshot>();
    qRegisterMetaType<WalkForwardResultPtr>();
}

WalkForwardController::~WalkForwardController() { shutdown(); }

bool WalkForwardController::isThreadRunning() const { return m_job->isRunning(); }

void WalkForwardController::start(const WalkForwardRequest& request)
{
    if (m_running)
        return;
    auto run = std::make_shared<Run>();
    run->request = request;
    m_running = true;
    m_job->run([this, run] { runOnThread(*run); }, [this, run] {
        m_running = false;
        if (run->error)
            emit failed(*run->error);
        else
            emit finished(run->result);
    });
}

void WalkForwardController::cancel() { m_job->cancel(); }

void WalkForwardController::shutdown()
{
    cancel();
    m_job->wait();
}

// On the job's thread. Only posts to the GUI thread; never touches `this` beyond posting.
void WalkForwardController::runOnThread(Run& run)
{
    WalkForwardRequest& request = run.request;
    const std::atomic<bool>& cancelled = m_job->cancelFlag();
    try {
        LoadOptions options;
        options.used_columns = used_columns(request.pipeline);
        options.missing = request.pipeline.missing;
        options.csv = request.pipeline.csv;
        options.progress = [&cancelled](std::uint64_t, std::uint64_t) { return !cancelled.load(); };
        LoadResult loaded = load_csv(request.dataPath.toStdString(), options);
        request.pipeline.csv = loaded.report.effective;
        const auto onProgress = [&](const WalkForwardProgress& p) {
            if (p.training && run.throttle.due(p.training->epoch_end)) {
                const TrainProgress& t = *p.training;
                WalkForwardProgressSnapshot s{p.fold, p.folds, t.epoch, t.epochs, 0.0};
                const double inFold = ((t.epoch - 1) + double(t.batch) / std::max(1, t.batches)) / std::max(1, t.epochs);
                s.fraction = std::clamp((p.fold + inFold) / std::max(1, p.folds), 0.0, 1.0);
                m_job->post([this, s] { emit progress(s); });
            }
            return !cancelled.load();
        };
        auto result = std::make_shared<WalkForwardResult>(
            walk_forward(loaded.frame, request.pipeline, request.spec, request.train, request.config, onProgress));
        if (!result->stopped)
            run.result = std::move(result);
    } catch (const Cancelled&) {
        // finished(null)
    } catch (const std::exception& e) {
        run.error = errorText(e);
    }
}

} // namespace lstmlab::ui
