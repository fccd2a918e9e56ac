#include "ui/controller/training_worker.h"

#include "engine/core/error.h"
#include "engine/train/evaluation.h"
#include "engine/workflow/checkpoint_data.h"
#include "ui/common/app_paths.h"
#include "ui/common/background_job.h"
#include "ui/common/setting_words.h"
#include "ui/controller/training_controller.h"

#include <QFileInfo>

namespace lstmlab::ui {

struct TrainingWorker::Session {
    // run->trainer is absent after opening a checkpoint until it resumes; run->model always exists.
    std::unique_ptr<TrainingRun> run;
    std::optional<Checkpoint> opened;         // the checkpoint a session was opened from, until it resumes
    HeatmapWindows heatmap;
};

TrainingWorker::TrainingWorker(RunControl& control, BackgroundJob& job, TrainingController& controller)
    : m_control(control), m_job(job), m_controller(controller)
{
}

TrainingWorker::~TrainingWorker() = default;

template <typename Call>
void TrainingWorker::deliver(Call&& call)
{
    m_job.post([controller = &m_controller, call = std::forward<Call>(call)] { call(*controller); });
}

void TrainingWorker::fail(const std::exception& e)
{
    deliver([sentence = errorText(e)](TrainingController& c) { emit c.failed(sentence); });
}

void TrainingWorker::train(const TrainRequest& request)
{
    if (m_control.shutting_down())
        return;
    m_control.clear_stop();
    try {
        auto session = std::make_unique<Session>();
        // `new` on the returned value: the run is built in place (its trainer refers to its data).
        session->run.reset(new TrainingRun(start_training_run(
            request.dataPath.toStdString(), request.pipeline, request.spec, request.train,
            [this](std::uint64_t, std::uint64_t) { return !m_control.stop_requested(); })));
        session->heatmap = chooseHeatmapWindows(session->run->data);
        m_session = std::move(session);
    } catch (const Cancelled&) {
        return;
    } catch (const std::exception& e) {
        fail(e);
        return;
    }
    runTrainer();
}

void TrainingWorker::resume(int extraEpochs)
{
    if (m_control.shutting_down())
        return;
    m_control.clear_stop();
    try {
        if (!m_session)
            throw Error("there is no model to continue: train one or open a checkpoint first");
        if (m_session->opened) {
            // As `lstmlab-cli train --resume`: the same file content, the stored pipeline, the saved state.
            const std::string dataPath = m_session->run->data_path;
            m_session->run.reset(new TrainingRun(resume_training_run(dataPath, *m_session->opened, extraEpochs, 0)));
            m_session->heatmap = chooseHeatmapWindows(m_session->run->data);
            m_session->opened.reset();
        } else if (m_session->run->trainer && extraEpochs > 0) {
            m_session->run->trainer->extend(extraEpochs);
        }
    } catch (const std::exception& e) {
        fail(e);
        return;
    }
    runTrainer();
}

void TrainingWorker::runTrainer()
{
    Session& s = *m_session;
    TrainingRun& run = *s.run;
    deliver([epochs = run.trainer->state().target_epochs](TrainingController& c) { c.onRunStarted(epochs); });
    if (auto attention = attentionSnapshot(*run.model, run.data, run.frame, s.heatmap, QStringLiteral("validation, before training")))
        deliver([attention](TrainingController& c) { emit c.attentionUpdated(attention); });
    m_progressThrottle.reset();
    try {
        // No checkpoint path: the workbench saves when the user asks.
        const RunOutcome outcome = execute_training_run(
            run, {}, std::nullopt, [this](const TrainProgress& p) { return onProgress(p); },
            applicationVersion().toStdString());
        const TrainState& state = run.trainer->state();
        // The run may have restored the best epoch's weights: show what the final model attends to.
        const QString final = QStringLiteral("validation, final weights (epoch %1)").arg(state.best_epoch);
        if (auto attention = attentionSnapshot(*run.model, run.data, run.frame, s.heatmap, final))
            deliver([attention](TrainingController& c) { emit c.attentionUpdated(attention); });
        publishResults(state.status, statusSentence(state), outcome.report ? &*outcome.report : nullptr);
    } catch (const std::exception& e) {
        fail(e);
    }
}

bool TrainingWorker::onProgress(const TrainProgress& p)
{
    if (m_progressThrottle.due(p.epoch_end)) {
        auto snapshot = std::make_shared<ProgressSnapshot>();
        *snapshot = {p.epoch, p.epochs, p.batch, p.batches, p.train_loss, p.samples_per_second, p.eta_seconds, p.epoch_end};
        deliver([snapshot = ProgressSnapshotPtr(snapshot)](TrainingController& c) { emit c.progress(snapshot); });
    }
    if (p.epoch_end && p.state) {
        auto epoch = std::make_shared<EpochSnapshot>();
        epoch->history = p.state->history;
        epoch->bestEpoch = p.state->best_epoch;
        deliver([epoch = EpochSnapshotPtr(epoch)](TrainingController& c) { emit c.epochFinished(epoch); });
        TrainingRun& run = *m_session->run;
        const QString title = QStringLiteral("validation, epoch %1").arg(p.epoch);
        if (auto attention = attentionSnapshot(*run.model, run.data, run.frame, m_session->heatmap, title))
            deliver([attention](TrainingController& c) { emit c.attentionUpdated(attention); });
    }
    return m_control.proceed([this](bool paused) {
        deliver([paused](TrainingController& c) { c.onPausedChanged(paused); });
    });
}

void TrainingWorker::publishResults(TrainStatus status, const QString& statusText, const EvaluationReport* evaluated)
{
    Session& s = *m_session;
    TrainingRun& run = *s.run;
    // An opened checkpoint's stored calibration gives the forecast's intervals, as in `lstmlab-cli forecast`.
    const ConformalCalibration* stored = s.opened && s.opened->calibration ? &*s.opened->calibration : nullptr;
    auto results = resultsSnapshot(*run.model, run.data, run.frame, stored, evaluated);
    results->status = status;
    results->statusText = statusText;
    if (run.trainer) {
        results->history = run.trainer->state().history;
        results->bestEpoch = run.trainer->state().best_epoch;
        results->canResume = true;
    } else if (s.opened && s.opened->training) {
        results->history = s.opened->training->state.history;
        results->bestEpoch = s.opened->training->state.best_epoch;
        results->canResume = s.opened->optimizer.has_value();
    }
    deliver([results = ResultsSnapshotPtr(results)](TrainingController& c) { c.onRunFinished(results); });
}

void TrainingWorker::saveCheckpoint(const QString& path)
{
    // Saves run even during shutdown: a save the user asked for completes (R10), atomically (R3).
    try {
        if (!m_session)
            throw Error("there is no model to save yet: train one or open a checkpoint first");
        TrainingRun& run = *m_session->run;
        Checkpoint checkpoint = m_session->opened ? *m_session->opened
                                                  : make_checkpoint(*run.trainer, run.data.pipeline,
                                                                    applicationVersion().toStdString());
        // The intervals of these weights travel with them, as `lstmlab-cli train` stores them.
        if (!m_session->opened)
            checkpoint.calibration = evaluate_model(*run.model, run.data).intervals;
        save_checkpoint(path.toStdString(), checkpoint);
        deliver([path](TrainingController& c) { emit c.checkpointSaved(path); });
    } catch (const std::exception& e) {
        fail(e);
    }
}

void TrainingWorker::openCheckpoint(const QString& checkpointPath, const QString& dataPath)
{
    if (m_control.shutting_down())
        return;
    m_control.clear_stop();
    try {
        Checkpoint checkpoint = load_checkpoint(checkpointPath.toStdString());
        if (!checkpoint.pipeline)
            throw Error(checkpointPath.toStdString() + ": this checkpoint holds no data pipeline (a model-only file), "
                        "so LSTM Lab cannot tell which columns and scaling it expects");
        const FittedPipeline& fitted = *checkpoint.pipeline;
        auto session = std::make_unique<Session>();
        const QString path = dataPath.isEmpty() ? QString::fromStdString(fitted.source_file) : dataPath;
        if (!QFileInfo::exists(path))
            throw Error(checkpointPath.toStdString() + ": the data it was trained on (" + fitted.source_file +
                        ") is not there; open a CSV with the same columns first, then open the checkpoint again");
        // The CLI's predict and evaluate prepare data the same way: the stored pipeline, never refitted.
        CheckpointData prepared = prepare_checkpoint_data(path.toStdString(), checkpoint);
        session->run = std::make_unique<TrainingRun>();   // no trainer yet: nothing refers to its data
        TrainingRun& run = *session->run;
        run.data_path = path.toStdString();
        run.frame = std::move(prepared.frame);
        run.data = std::move(prepared.data);
        run.model = make_model(checkpoint);
        run.resumed_from = checkpointPath.toStdString();
        session->heatmap = chooseHeatmapWindows(run.data);
        auto opened = std::make_shared<OpenedCheckpoint>();
        opened->checkpointPath = checkpointPath;
        opened->dataPath = path;
        opened->pipeline = fitted.config;
        opened->spec = checkpoint.spec;
        if (checkpoint.training)
            opened->train = checkpoint.training->config;
        opened->note = QString::fromStdString(checkpoint.note.empty() ? prepared.note
                                              : prepared.note.empty() ? checkpoint.note
                                              : checkpoint.note + "; " + prepared.note);
        session->opened = std::move(checkpoint);
        m_session = std::move(session);
        deliver([opened = OpenedCheckpointPtr(opened)](TrainingController& c) { emit c.checkpointOpened(opened); });
        if (auto attention = attentionSnapshot(*run.model, run.data, run.frame, m_session->heatmap,
                                               QStringLiteral("validation, opened checkpoint")))
            deliver([attention](TrainingController& c) { emit c.attentionUpdated(attention); });
        publishResults(m_session->opened->training ? m_session->opened->training->state.status : TrainStatus::finished,
                       QStringLiteral("Opened %1.").arg(QFileInfo(checkpointPath).fileName()));
    } catch (const std::exception& e) {
        fail(e);
    }
}

} // namespace lstmlab::ui
