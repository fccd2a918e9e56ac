// TrainingWorker: lives on the controller's worker thread and owns the engine session (frame,
// prepared data, model, trainer). Every slot runs there, one at a time, in the order requested.
//
// The GUI thread never touches the session: it receives copied snapshots through the signals
// (queued, since sender and receiver live on different threads). Stop, pause and shutdown are
// atomic flags the trainer's progress callback reads after every batch; pause blocks inside that
// callback on a condition variable until resumed, stopped or shut down (R10: acknowledged within
// one batch). Batch progress is throttled to one snapshot per `progressInterval`.
#pragma once

#include "engine/io/checkpoint.h"
#include "ui/common/snapshots.h"
#include "ui/controller/snapshot_builder.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace lstmlab::ui {

struct ControlFlags {
    std::atomic<bool> stop{false};
    std::atomic<bool> pause{false};
    std::atomic<bool> shutdown{false};
    std::mutex mutex;
    std::condition_variable wake;   // notified when pause is lifted, stop or shutdown is set

    void release();                 // notify_all under the mutex
};

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds progressInterval{100};

    explicit TrainingWorker(std::shared_ptr<ControlFlags> flags);
    ~TrainingWorker() override;

    // A new run: load the CSV with the request's columns and policy, fit the pipeline, initialise
    // the model from Rng(seed) exactly like the CLI, train, then forecast and evaluate.
    void train(const lstmlab::ui::TrainRequest& request);
    // Continues the session's run for `extraEpochs` more epochs (0: to its saved target).
    void resume(int extraEpochs);
    // Saves the session as a checkpoint (atomic; the CLI's format).
    void saveCheckpoint(const QString& path);
    // Loads a checkpoint and applies its fitted pipeline to `dataPath` (empty: the file it was trained on).
    void openCheckpoint(const QString& checkpointPath, const QString& dataPath);

signals:
    void runStarted(int epochs);
    void progress(lstmlab::ui::ProgressSnapshotPtr snapshot);
    void epochFinished(lstmlab::ui::EpochSnapshotPtr snapshot);
    void attentionUpdated(lstmlab::ui::AttentionSnapshotPtr snapshot);
    void pausedChanged(bool paused);
    void runFinished(lstmlab::ui::ResultsSnapshotPtr results);
    void failed(const QString& sentence);
    void checkpointSaved(const QString& path);
    void checkpointOpened(lstmlab::ui::OpenedCheckpointPtr opened);
    void idle();   // after every request, whatever its outcome

private:
    struct Session;
    void runTrainer();
    bool onProgress(const TrainProgress& progress);
    void waitWhilePaused();
    void publishResults(TrainStatus status, const QString& statusText);

    std::shared_ptr<ControlFlags> m_flags;
    std::unique_ptr<Session> m_session;
    std::chrono::steady_clock::time_point m_lastProgress{};
};

} // namespace lstmlab::ui
