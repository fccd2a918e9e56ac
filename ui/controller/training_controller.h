// TrainingController: owns the training session (TrainingWorker) and the background job that runs
// its requests; the only way the GUI reaches the engine session. Requests are queued to the job (so
// they run in order, off the GUI thread); results come back posted through the job and are emitted
// here, on the GUI thread.
//
// Pause / Resume / Stop act on the RunControl directly (they must reach a worker that is busy inside
// a training run). shutdown() -- also called by the destructor -- stops training, lifts a pause, lets
// an already requested checkpoint save finish (R10: the file stays valid) and joins the job's thread.
#pragma once

#include "ui/common/snapshots.h"

#include <QObject>

#include <functional>
#include <memory>

namespace lstmlab {
class RunControl;
}

namespace lstmlab::ui {

class BackgroundJob;
class TrainingWorker;

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Training, Paused, Working };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    void train(const TrainRequest& request);
    void continueTraining(int extraEpochs);
    void pause();
    void resume();
    void stop();
    void saveCheckpoint(const QString& path);
    void openCheckpoint(const QString& checkpointPath, const QString& dataPath);
    void shutdown();

    State state() const { return m_state; }
    bool isBusy() const { return m_state != State::Idle; }
    bool hasSession() const { return m_hasSession; }
    bool isThreadRunning() const;

signals:
    void stateChanged(lstmlab::ui::TrainingController::State state);
    void runStarted(int epochs);
    void progress(lstmlab::ui::ProgressSnapshotPtr snapshot);
    void epochFinished(lstmlab::ui::EpochSnapshotPtr snapshot);
    void attentionUpdated(lstmlab::ui::AttentionSnapshotPtr snapshot);
    void runFinished(lstmlab::ui::ResultsSnapshotPtr results);
    void failed(const QString& sentence);
    void checkpointSaved(const QString& path);
    void checkpointOpened(lstmlab::ui::OpenedCheckpointPtr opened);

private:
    friend class TrainingWorker;   // posts to the handlers below
    void onRunStarted(int epochs);
    void onPausedChanged(bool paused);
    void onRunFinished(const ResultsSnapshotPtr& results);

    void setState(State state);
    void request(State state, std::function<void(TrainingWorker&)> call);

    std::unique_ptr<RunControl> m_control;
    BackgroundJob* m_job;                      // a child; joined by shutdown()
    std::unique_ptr<TrainingWorker> m_worker;  // used on the job's thread only
    State m_state = State::Idle;
    int m_pending = 0;          // requests queued or running on the job
    bool m_hasSession = false;
};

} // namespace lstmlab::ui
