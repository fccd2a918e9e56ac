#include "ui/controller/walk_forward_controller.h"

#include "engine/core/error.h"
#include "engine/data/csv_load.h"
#include "ui/common/setting_words.h"

#include <QThread>

#include <algorithm>

namespace lstmlab::ui {

// What the GUI thread and the run's thread share; kept alive by both sides' shared_ptr.
struct WalkForwardController::Run {
    WalkForwardRequest request;
    std::atomic<bool> cancel{false};
    std::chrono::steady_clock::time_point lastSent{};   // written by the run's thread only
};

WalkForwardController::WalkForwardController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<WalkForwardProgressSnapshot>();
    qRegisterMetaType<WalkForwardResultPtr>();
}

WalkForwardController::~WalkForwardController() { shutdown(); }

void WalkForwardController::start(const WalkForwardRequest& request)
{
    if (m_running)
        return;
    shutdown();   // joins a thread whose last post has not been handled yet
    auto run = std::make_shared<Run>();
    run->request = request;
    m_run = run;
    m_running = true;
    m_thread = std::thread([this, run] { runOnThread(run); });
}

void WalkForwardController::cancel()
{
    if (m_run)
        m_run->cancel = true;
}

void WalkForwardController::shutdown()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

// On the run's thread. Only posts to the GUI thread; never touches `this` beyond invokeMethod.
void WalkForwardController::runOnThread(const std::shared_ptr<Run>& run)
{
    const auto post = [this](auto call) { QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection); };
    WalkForwardRequest& request = run->request;
    try {
        LoadOptions options;
        options.used_columns = used_columns(request.pipeline);
        options.missing = request.pipeline.missing;
        options.csv = request.pipeline.csv;
        options.progress = [&run](std::uint64_t, std::uint64_t) { return !run->cancel.load(); };
        LoadResult loaded = load_csv(request.dataPath.toStdString(), options);
        request.pipeline.csv = loaded.report.effective;
        const auto onProgress = [&](const WalkForwardProgress& p) {
            const auto now = std::chrono::steady_clock::now();
            if (p.training && (p.training->epoch_end || now - run->lastSent >= progressInterval)) {
                run->lastSent = now;
                const TrainProgress& t = *p.training;
                WalkForwardProgressSnapshot s{p.fold, p.folds, t.epoch, t.epochs, 0.0};
                const double inFold = ((t.epoch - 1) + double(t.batch) / std::max(1, t.batches)) / std::max(1, t.epochs);
                s.fraction = std::clamp((p.fold + inFold) / std::max(1, p.folds), 0.0, 1.0);
                post([this, s] { emit progress(s); });
            }
            return !run->cancel.load();
        };
        auto result = std::make_shared<WalkForwardResult>(
            walk_forward(loaded.frame, request.pipeline, request.spec, request.train, request.config, onProgress));
        WalkForwardResultPtr shown = result->stopped ? nullptr : std::move(result);
        post([this, shown] { onThreadDone(); emit finished(shown); });
    } catch (const Cancelled&) {
        post([this] { onThreadDone(); emit finished(nullptr); });
    } catch (const std::exception& e) {
        post([this, sentence = errorText(e)] { onThreadDone(); emit failed(sentence); });
    }
}

void WalkForwardController::onThreadDone()
{
    if (m_thread.joinable())
        m_thread.join();   // it posted this as its last act: the join returns at once
    m_running = false;
}

} // namespace lstmlab::ui
