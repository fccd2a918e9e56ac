// TrainingRun: one training run end to end, as the CLI and the sweep runner do it --
// data loaded and fitted, model initialised (or restored), trained with a checkpoint saved after
// every epoch and, optionally, a run folder (run.json + metrics.csv) kept up to date.
//
// Order at every epoch end: checkpoint (atomic) -> metrics.csv row (fsync) -> run.json (atomic), so
// after a kill the checkpoint is never behind the metrics it claims. A diverged run saves nothing:
// the last good checkpoint stays (R6). A stopped run saves its exact mid-epoch state (resumable).
// A finished (or early-stopped) run saves once more at the end with the split-conformal calibration
// of its final weights on the validation split (levels 80 % and 95 %; conformal.h), which
// `forecast` uses for its intervals. The CLI, the sweep runner and the workbench all drive runs
// through these functions; the workbench passes no checkpoint path (it saves when asked).
#pragma once

#include "engine/data/pipeline.h"
#include "engine/io/checkpoint.h"
#include "engine/train/evaluation.h"
#include "engine/train/trainer.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace lstmlab {

// Not movable once its trainer exists (the trainer refers to `data`): keep it where a start/resume
// function returned it (`TrainingRun run = start_training_run(...)`, `new TrainingRun(start_training_run(...))`).
struct TrainingRun {
    std::string data_path;
    Frame frame;               // the loaded rows: frame.row_label(r) names row r of `data`
    PreparedData data;
    std::unique_ptr<Model<float>> model;
    std::unique_ptr<Trainer> trainer;
    std::string description;   // a paragraph for the user: data, windows, model, parameters
    std::string resumed_from;  // the checkpoint file a resumed run started from ("" for a new run)
};

// A new run: loads `data_path` with `pipeline`, fits it, builds the model for it (features and
// outputs from the data) and initialises it from Rng(config.seed). `spec`'s features/outputs are set here.
// `load_progress` sees the CSV reader's progress; returning false cancels (throws Cancelled).
TrainingRun start_training_run(const std::string& data_path, const PipelineConfig& pipeline, ModelSpec spec,
                               const TrainConfig& config, const CsvProgress& load_progress = {});

// A resumed run: the data is loaded with the checkpoint's fitted pipeline (never refitted) and must be
// the same file content (SHA-256), the model and optimizer come from the checkpoint.
// `extra_epochs` > 0 trains that many more epochs; `threads` > 0 overrides the saved thread count.
TrainingRun resume_training_run(const std::string& data_path, const Checkpoint& checkpoint, int extra_epochs,
                                int threads);

struct RunOutcome {
    TrainStatus status = TrainStatus::running;
    std::string message;   // one sentence for stderr: saved where, or why it stopped
    std::string summary;   // a few lines for stdout on success: epochs, best validation loss, test metrics
    // Finished or early stopped: the final weights evaluated with the default EvaluationOptions (Sharpe
    // annualised with the data calendar's periods per year; evaluation.h).
    std::optional<EvaluationReport> report;
};

// Trains until the run ends. `progress` is the trainer's progress callback (return false to stop).
// An empty `checkpoint_path` saves nothing (the workbench saves when the user asks).
RunOutcome execute_training_run(TrainingRun& run, const std::string& checkpoint_path,
                                const std::optional<std::string>& run_dir,
                                const std::function<bool(const TrainProgress&)>& progress,
                                const std::string& app_version);

} // namespace lstmlab
