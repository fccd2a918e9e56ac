#include "ui/controller/training_worker.h"

#include "engine/core/error.h"
#include "engine/core/sha256.h"
#include "engine/train/evaluation.h"
#include "engine/workflow/checkpoint_data.h"
#include "ui/common/app_paths.h"
#include "ui/common/setting_words.h"

#include <QFileInfo>

namespace lstmlab::ui {

void ControlFlags::release()
{
    std::lock_guard lock(mutex);
    wake.notify_all();
}

struct TrainingWorker::Session {
    QString dataPath;
    Frame frame;
    std::unique_ptr<PreparedData> data;
    std::unique_ptr<Model<float>> model;
    std::unique_ptr<Trainer> trainer;         // absent after opening a model-only checkpoint
    std::optional<Checkpoint> opened;         // the checkpoint a session was opened from, until it resumes
    HeatmapWindows heatmap;
};

TrainingWorker::TrainingWorker(std::shared_ptr<ControlFlags> flags) : m_flags(std::move(flags)) {}

TrainingWorker::~TrainingWorker() = default;

namespace {

// Loads `path` with exactly the columns, missing policy and import options the pipeline needs; the
// settled import options go into `config` (the checkpoint stores them, as the CLI's does).
Frame loadForPipeline(const QString& path, PipelineConfig& config, const std::atomic<bool>& stop)
{
    LoadOptions options;
    options.used_columns = used_columns(config);
    options.missing = config.missing;
    options.csv = config.csv;
    options.progress = [&stop](std::uint64_t, std::uint64_t) { return !stop.load(); };
    LoadResult loaded = load_csv(path.toStdString(), options);
    config.csv = loaded.report.effective;
    return std::move(loaded.frame);
}

} // namespace

void TrainingWorker::train(const TrainRequest& request)
{
    if (m_flags->shutdown)
        return;
    m_flags->stop = false;
    try {
        auto session = std::make_unique<Session>();
        session->dataPath = request.dataPath;
        PipelineConfig pipeline = request.pipeline;
        session->frame = loadForPipeline(request.dataPath, pipeline, m_flags->stop);
        const std::string sha = sha256_file_hex(request.dataPath.toStdString());
        session->data = std::make_unique<PreparedData>(prepare_data(session->frame, pipeline, sha));
        ModelSpec spec = request.spec;
        spec.features = int(session->data->feature_count());
        spec.outputs = int(session->data->windows.horizon);
        session->model = std::make_unique<Model<float>>(spec);
        Rng init(request.train.seed);   // the CLI initialises the same way: same settings, same weights
        session->model->initialize(init);
        session->trainer = std::make_unique<Trainer>(*session->model, *session->data, request.train);
        session->heatmap = chooseHeatmapWindows(*session->data);
        m_session = std::move(session);
    } catch (const Cancelled&) {
        emit idle();
        return;
    } catch (const std::exception& e) {
        emit failed(errorText(e));
        emit idle();
        return;
    }
    runTrainer();
}

void TrainingWorker::resume(int extraEpochs)
{
    if (m_flags->shutdown)
        return;
    m_flags->stop = false;
    try {
        if (!m_session)
            throw Error("there is no model to continue: train one or open a checkpoint first");
        if (m_session->opened) {
            const Checkpoint& checkpoint = *m_session->opened;
            if (!checkpoint.training)
                throw Error("this checkpoint holds no training state (it was exported for prediction only), so "
                            "training cannot resume from it; train a new model instead");
            m_session->trainer = std::make_unique<Trainer>(*m_session->model, *m_session->data, checkpoint.training->config);
            resume_trainer(*m_session->trainer, checkpoint, extraEpochs);
            m_session->opened.reset();
        } else if (m_session->trainer && extraEpochs > 0) {
            TrainState& state = m_session->trainer->state();
            state.target_epochs = state.completed_epochs + extraEpochs;
            state.epochs_without_improvement = 0;   // a new stretch of training
        }
    } catch (const std::exception& e) {
        emit failed(errorText(e));
        emit idle();
        return;
    }
    runTrainer();
}

void TrainingWorker::runTrainer()
{
    Session& s = *m_session;
    emit runStarted(s.trainer->state().target_epochs);
    if (auto attention = attentionSnapshot(*s.model, *s.data, s.frame, s.heatmap, QStringLiteral("validation, before training")))
        emit attentionUpdated(attention);
    m_lastProgress = {};
    TrainCallbacks callbacks;
    callbacks.progress = [this](const TrainProgress& p) { return onProgress(p); };
    try {
        const TrainState& state = s.trainer->run(callbacks);
        // The run may have restored the best epoch's weights: show what the final model attends to.
        const QString final = QStringLiteral("validation, final weights (epoch %1)").arg(state.best_epoch);
        if (auto attention = attentionSnapshot(*s.model, *s.data, s.frame, s.heatmap, final))
            emit attentionUpdated(attention);
        publishResults(state.status, statusSentence(state));
    } catch (const std::exception& e) {
        emit failed(errorText(e));
    }
    emit idle();
}

bool TrainingWorker::onProgress(const TrainProgress& p)
{
    const auto now = std::chrono::steady_clock::now();
    if (p.epoch_end || now - m_lastProgress >= progressInterval) {
        m_lastProgress = now;
        auto snapshot = std::make_shared<ProgressSnapshot>();
        *snapshot = {p.epoch, p.epochs, p.batch, p.batches, p.train_loss, p.samples_per_second, p.eta_seconds, p.epoch_end};
        emit progress(snapshot);
    }
    if (p.epoch_end && p.state) {
        auto epoch = std::make_shared<EpochSnapshot>();
        epoch->history = p.state->history;
        epoch->bestEpoch = p.state->best_epoch;
        emit epochFinished(epoch);
        Session& s = *m_session;
        const QString title = QStringLiteral("validation, epoch %1").arg(p.epoch);
        if (auto attention = attentionSnapshot(*s.model, *s.data, s.frame, s.heatmap, title))
            emit attentionUpdated(attention);
    }
    if (m_flags->pause && !m_flags->stop)
        waitWhilePaused();
    return !m_flags->stop;
}

void TrainingWorker::waitWhilePaused()
{
    emit pausedChanged(true);
    {
        std::unique_lock lock(m_flags->mutex);
        m_flags->wake.wait(lock, [this] { return !m_flags->pause || m_flags->stop || m_flags->shutdown; });
    }
    emit pausedChanged(false);
}

void TrainingWorker::publishResults(TrainStatus status, const QString& statusText)
{
    Session& s = *m_session;
    // An opened checkpoint's stored calibration gives the forecast's intervals, as in `lstmlab-cli forecast`.
    const ConformalCalibration* stored = s.opened && s.opened->calibration ? &*s.opened->calibration : nullptr;
    auto results = resultsSnapshot(*s.model, *s.data, s.frame, stored);
    results->status = status;
    results->statusText = statusText;
    if (s.trainer) {
        results->history = s.trainer->state().history;
        results->bestEpoch = s.trainer->state().best_epoch;
        results->canResume = true;
    } else if (s.opened && s.opened->training) {
        results->history = s.opened->training->state.history;
        results->bestEpoch = s.opened->training->state.best_epoch;
        results->canResume = s.opened->optimizer.has_value();
    }
    emit runFinished(results);
}

void TrainingWorker::saveCheckpoint(const QString& path)
{
    // Saves run even during shutdown: a save the user asked for completes (R10), atomically (R3).
    try {
        if (!m_session)
            throw Error("there is no model to save yet: train one or open a checkpoint first");
        Checkpoint checkpoint = m_session->opened ? *m_session->opened
                                                  : make_checkpoint(*m_session->trainer, m_session->data->pipeline,
                                                                    applicationVersion().toStdString());
        // The intervals of these weights travel with them, as `lstmlab-cli train` stores them.
        if (!m_session->opened)
            checkpoint.calibration = evaluate_model(*m_session->model, *m_session->data).intervals;
        save_checkpoint(path.toStdString(), checkpoint);
        emit checkpointSaved(path);
    } catch (const std::exception& e) {
        emit failed(errorText(e));
    }
    emit idle();
}

void TrainingWorker::openCheckpoint(const QString& checkpointPath, const QString& dataPath)
{
    if (m_flags->shutdown)
        return;
    m_flags->stop = false;
    try {
        Checkpoint checkpoint = load_checkpoint(checkpointPath.toStdString());
        if (!checkpoint.pipeline)
            throw Error(checkpointPath.toStdString() + ": this checkpoint holds no data pipeline (a model-only file), "
                        "so LSTM Lab cannot tell which columns and scaling it expects");
        const FittedPipeline& fitted = *checkpoint.pipeline;
        auto session = std::make_unique<Session>();
        session->dataPath = dataPath.isEmpty() ? QString::fromStdString(fitted.source_file) : dataPath;
        if (!QFileInfo::exists(session->dataPath))
            throw Error(checkpointPath.toStdString() + ": the data it was trained on (" + fitted.source_file +
                        ") is not there; open a CSV with the same columns first, then open the checkpoint again");
        // The CLI's predict and evaluate prepare data the same way: the stored pipeline, never refitted.
        CheckpointData prepared = prepare_checkpoint_data(session->dataPath.toStdString(), checkpoint);
        session->frame = std::move(prepared.frame);
        session->data = std::make_unique<PreparedData>(std::move(prepared.data));
        session->model = make_model(checkpoint);
        session->heatmap = chooseHeatmapWindows(*session->data);
        auto opened = std::make_shared<OpenedCheckpoint>();
        opened->checkpointPath = checkpointPath;
        opened->dataPath = session->dataPath;
        opened->pipeline = fitted.config;
        opened->spec = checkpoint.spec;
        if (checkpoint.training)
            opened->train = checkpoint.training->config;
        opened->note = QString::fromStdString(checkpoint.note.empty() ? prepared.note
                                              : prepared.note.empty() ? checkpoint.note
                                              : checkpoint.note + "; " + prepared.note);
        session->opened = std::move(checkpoint);
        m_session = std::move(session);
        emit checkpointOpened(opened);
        if (auto attention = attentionSnapshot(*m_session->model, *m_session->data, m_session->frame,
                                               m_session->heatmap, QStringLiteral("validation, opened checkpoint")))
            emit attentionUpdated(attention);
        publishResults(m_session->opened->training ? m_session->opened->training->state.status : TrainStatus::finished,
                       QStringLiteral("Opened %1.").arg(QFileInfo(checkpointPath).fileName()));
    } catch (const std::exception& e) {
        emit failed(errorText(e));
    }
    emit idle();
}

} // namespace lstmlab::ui
