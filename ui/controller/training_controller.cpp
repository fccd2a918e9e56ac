#include "ui/controller/training_controller.h"

#include "engine/workflow/run_control.h"
#include "ui/common/background_job.h"
#include "ui/controller/training_worker.h"

namespace lstmlab::ui {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), m_control(std::make_unique<RunControl>()),
      m_job(new BackgroundJob(QStringLiteral("lstmlab-training"), BackgroundJob::Lifetime::Kept, this)),
      m_worker(std::make_unique<TrainingWorker>(*m_control, *m_job, *this))
{
    registerSnapshotTypes();
}

TrainingController::~TrainingController() { shutdown(); }

void TrainingController::request(State state, std::function<void(TrainingWorker&)> call)
{
    if (m_control->shutting_down())
        return;
    ++m_pending;
    if (m_state == State::Idle)
        setState(state);
    m_job->run([worker = m_worker.get(), call = std::move(call)] { call(*worker); },
               [this] {
                   if (--m_pending <= 0) {
                       m_pending = 0;
                       setState(State::Idle);
                   }
               });
}

void TrainingController::train(const TrainRequest& request)
{
    m_control->resume();   // lifts a pause left from before
    this->request(State::Working, [request](TrainingWorker& worker) { worker.train(request); });
}

void TrainingController::continueTraining(int extraEpochs)
{
    m_control->resume();
    request(State::Working, [extraEpochs](TrainingWorker& worker) { worker.resume(extraEpochs); });
}

void TrainingController::saveCheckpoint(const QString& path)
{
    request(State::Working, [path](TrainingWorker& worker) { worker.saveCheckpoint(path); });
}

void TrainingController::openCheckpoint(const QString& checkpointPath, const QString& dataPath)
{
    request(State::Working, [checkpointPath, dataPath](TrainingWorker& worker) {
        worker.openCheckpoint(checkpointPath, dataPath);
    });
}

void TrainingController::pause()
{
    if (m_state == State::Training)
        m_control->pause();
}

void TrainingController::resume() { m_control->resume(); }

void TrainingController::stop() { m_control->stop(); }

bool TrainingController::isThreadRunning() const { return m_job->isRunning(); }

void TrainingController::shutdown()
{
    if (m_control->shutting_down())
        return;
    m_control->shut_down();
    // The queued requests still run: a requested save completes, new runs return at once.
    m_job->wait();
    m_pending = 0;
    setState(State::Idle);
}

void TrainingController::onRunStarted(int epochs)
{
    m_hasSession = true;   // the worker holds a model from now on (saving works mid-run)
    setState(State::Training);
    emit runStarted(epochs);
}

void TrainingController::onPausedChanged(bool paused)
{
    if (m_state == State::Training || m_state == State::Paused)
        setState(paused ? State::Paused : State::Training);
}

void TrainingController::onRunFinished(const ResultsSnapshotPtr& results)
{
    m_hasSession = true;
    emit runFinished(results);
}

void TrainingController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace lstmlab::ui
