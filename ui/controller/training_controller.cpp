#include "ui/controller/training_controller.h"

#include "ui/controller/training_worker.h"

#include <QThread>

namespace lstmlab::ui {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), m_flags(std::make_shared<ControlFlags>()), m_thread(new QThread(this)),
      m_worker(new TrainingWorker(m_flags))
{
    registerSnapshotTypes();
    m_thread->setObjectName(QStringLiteral("lstmlab-training"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &TrainingWorker::runStarted, this, [this](int epochs) {
        m_hasSession = true;   // the worker holds a model from now on (saving works mid-run)
        setState(State::Training);
        emit runStarted(epochs);
    });
    connect(m_worker, &TrainingWorker::progress, this, &TrainingController::progress);
    connect(m_worker, &TrainingWorker::epochFinished, this, &TrainingController::epochFinished);
    connect(m_worker, &TrainingWorker::attentionUpdated, this, &TrainingController::attentionUpdated);
    connect(m_worker, &TrainingWorker::pausedChanged, this, [this](bool paused) {
        if (m_state == State::Training || m_state == State::Paused)
            setState(paused ? State::Paused : State::Training);
    });
    connect(m_worker, &TrainingWorker::runFinished, this, [this](ResultsSnapshotPtr results) {
        m_hasSession = true;
        emit runFinished(results);
    });
    connect(m_worker, &TrainingWorker::failed, this, &TrainingController::failed);
    connect(m_worker, &TrainingWorker::checkpointSaved, this, &TrainingController::checkpointSaved);
    connect(m_worker, &TrainingWorker::checkpointOpened, this, &TrainingController::checkpointOpened);
    connect(m_worker, &TrainingWorker::idle, this, [this] {
        if (--m_pending <= 0) {
            m_pending = 0;
            setState(State::Idle);
        }
    });
    m_thread->start();
}

TrainingController::~TrainingController() { shutdown(); }

template <typename Call>
void TrainingController::request(State state, Call call)
{
    if (m_flags->shutdown)
        return;
    ++m_pending;
    if (m_state == State::Idle)
        setState(state);
    QMetaObject::invokeMethod(m_worker, std::move(call), Qt::QueuedConnection);
}

void TrainingController::train(const TrainRequest& request)
{
    m_flags->pause = false;
    this->request(State::Working, [worker = m_worker, request] { worker->train(request); });
}

void TrainingController::continueTraining(int extraEpochs)
{
    m_flags->pause = false;
    request(State::Working, [worker = m_worker, extraEpochs] { worker->resume(extraEpochs); });
}

void TrainingController::saveCheckpoint(const QString& path)
{
    request(State::Working, [worker = m_worker, path] { worker->saveCheckpoint(path); });
}

void TrainingController::openCheckpoint(const QString& checkpointPath, const QString& dataPath)
{
    request(State::Working, [worker = m_worker, checkpointPath, dataPath] { worker->openCheckpoint(checkpointPath, dataPath); });
}

void TrainingController::pause()
{
    if (m_state == State::Training)
        m_flags->pause = true;
}

void TrainingController::resume()
{
    m_flags->pause = false;
    m_flags->release();
}

void TrainingController::stop()
{
    m_flags->stop = true;
    m_flags->pause = false;
    m_flags->release();
}

bool TrainingController::isThreadRunning() const { return m_thread && m_thread->isRunning(); }

void TrainingController::shutdown()
{
    if (!m_thread || m_flags->shutdown)
        return;
    m_flags->shutdown = true;
    stop();
    // Queued behind any requested save, so that save completes before the loop ends.
    QThread* thread = m_thread;
    QMetaObject::invokeMethod(m_worker, [thread] { thread->quit(); }, Qt::QueuedConnection);
    thread->wait();
    m_worker = nullptr;   // deleted on its thread by finished -> deleteLater
    m_pending = 0;
    setState(State::Idle);
}

void TrainingController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace lstmlab::ui
