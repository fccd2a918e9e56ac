// TrainingWorker: the training controller's engine session (a TrainingRun of engine/workflow: frame,
// prepared data, model, trainer), used only by the controller's background job, one request at a
// time, in the order requested.
//
// The GUI thread never touches the session: the worker posts copied snapshots to the controller
// through the job (BackgroundJob::post), which emits them on the GUI thread. Stop, pause and shutdown
// are the RunControl the run's progress callback consults after every batch (R10: acknowledged within
// one batch). Batch progress is throttled to one snapshot per ProgressThrottle::interval.
#pragma once

#include "engine/io/checkpoint.h"
#include "engine/workflow/run_control.h"
#include "engine/workflow/training_run.h"
#include "ui/common/progress_throttle.h"
#include "ui/common/snapshots.h"
#include "ui/controller/snapshot_builder.h"

#include <QString>

#include <memory>
#include <optional>

namespace lstmlab::ui {

class BackgroundJob;
class TrainingController;

class TrainingWorker {
public:
    TrainingWorker(RunControl& control, BackgroundJob& job, TrainingController& controller);
    ~TrainingWorker();

    // A new run, as the CLI's train starts it (start_training_run): load, fit, initialise from
    // Rng(seed), train; then forecast and evaluate.
    void train(const TrainRequest& request);
    // Continues the session's run for `extraEpochs` more epochs (0: to its saved target); an opened
    // checkpoint resumes as `lstmlab-cli train --resume` does (resume_training_run).
    void resume(int extraEpochs);
    // Saves the session as a checkpoint (atomic; the CLI's format).
    void saveCheckpoint(const QString& path);
    // Loads a checkpoint and applies its fitted pipeline to `dataPath` (empty: the file it was trained on).
    void openCheckpoint(const QString& checkpointPath, const QString& dataPath);

private:
    struct Session;
    void runTrainer();
    bool onProgress(const TrainProgress& progress);
    void publishResults(TrainStatus status, const QString& statusText, const EvaluationReport* evaluated = nullptr);
    void fail(const std::exception& e);
    template <typename Call>
    void deliver(Call&& call);   // runs `call(controller)` on the GUI thread

    RunControl& m_control;
    BackgroundJob& m_job;
    TrainingController& m_controller;
    std::unique_ptr<Session> m_session;
    ProgressThrottle m_progressThrottle;
};

} // namespace lstmlab::ui
