// TrainingController: owns the worker thread and the TrainingWorker on it; the only way the GUI
// reaches the engine session. Requests are queued to the worker (so they run in order, off the GUI
// thread); results come back as the worker's signals, re-emitted here on the GUI thread.
//
// Pause / Resume / Stop set the shared atomic flags directly (they must reach a worker that is busy
// inside a training run). shutdown() -- also called by the destructor -- stops training, lifts a
// pause, lets an already requested checkpoint save finish (R10: the file stays valid), quits the
// thread's event loop and joins it; the worker is deleted on its own thread (finished -> deleteLater).
#pragma once

#include "ui/common/snapshots.h"

#include <QObject>

#include <memory>

class QThread;

namespace lstmlab::ui {

struct ControlFlags;
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
    void setState(State state);
    template <typename Call>
    void request(State state, Call call);

    std::shared_ptr<ControlFlags> m_flags;
    QThread* m_thread;
    TrainingWorker* m_worker;
    State m_state = State::Idle;
    int m_pending = 0;          // requests queued or running on the worker
    bool m_hasSession = false;
};

} // namespace lstmlab::ui
