// Snapshots: the values the training worker sends to the GUI thread through queued signals.
//
// Each snapshot is a copy made on the worker thread and handed over as shared_ptr<const T>: the GUI
// never sees a pointer into an engine buffer, and a snapshot is never written after it is sent.
// Shapes: W = windows shown, T = sequence length, H = horizon, E = completed epochs.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/evaluation.h"
#include "engine/train/forecast.h"
#include "engine/train/future_forecast.h"
#include "engine/train/train_config.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace lstmlab::ui {

// Everything a new run needs: the data file and the user's data, model and training settings.
// spec.features and spec.outputs are filled from the pipeline by the worker.
struct TrainRequest {
    QString dataPath;
    PipelineConfig pipeline;
    ModelSpec spec;
    TrainConfig train;
};

// Batch-level progress (throttled by the worker to a few per second, plus every epoch end).
struct ProgressSnapshot {
    int epoch = 0;
    int epochs = 0;
    int batch = 0;
    int batches = 0;
    double trainLoss = not_measured;       // running mean of the epoch
    double samplesPerSecond = 0;
    double etaSeconds = 0;
    bool epochEnd = false;
};

// The whole loss history after an epoch (E records; small, so it is copied in full every time).
struct EpochSnapshot {
    std::vector<EpochRecord> history;
    int bestEpoch = 0;                     // 0: none yet
};

// Attention weights of a fixed set of windows: (W, T) row-major, each row sums to 1.
struct AttentionSnapshot {
    QString title;                         // "validation windows, epoch 3"
    int windows = 0;                       // W
    int steps = 0;                         // T
    std::vector<float> weights;            // (W * T), row w = window w, column k = step k (k = T-1 newest)
    std::vector<std::size_t> endRows;      // (W) end row t of each window in the data
    std::size_t firstRow = 0;              // rowLabels[i] is the label of row firstRow + i
    QStringList rowLabels;                 // dates (or row numbers) of every row the windows read

    float weight(int window, int step) const { return weights[std::size_t(window) * std::size_t(steps) + std::size_t(step)]; }
    // Label of step k of window w (row t - T + 1 + k).
    QString stepLabel(int window, int step) const;
};

// The forecast past the last row (future_forecast.h) and what the Forecast panel draws beside it:
// the last observed rows of the target. N = observed rows kept (at most maxHistory), H = horizon.
// x values as in ResultsSnapshot::testX. The intervals' test coverage is the evaluation's
// (EvaluationReport::test_coverage: the same calibration).
struct FutureSnapshot {
    static constexpr std::size_t maxHistory = 2000;

    std::optional<FutureForecast> forecast;    // absent when it cannot be made (see problem)
    QString problem;                           // one sentence when absent
    QString timeName;                          // the data's time column, or "row" (the CSV's header)
    QString lastLabel;                         // the last row's date (or row number)
    std::vector<double> historyX;              // (N) the last N rows, oldest first; back() = the last row
    std::vector<double> historyValues;         // (N) the target there, in its own units
    std::vector<double> futureX;               // (H) x of each forecast step
};

// What a finished (or stopped, or opened) run shows in Results.
struct ResultsSnapshot {
    TrainStatus status = TrainStatus::finished;
    QString statusText;                    // one sentence: "finished after 3 epochs (best 3)"
    FittedPipeline pipeline;
    ModelSpec spec;
    Forecast test;                         // prices, predictions (H, W), attention (W, T)
    std::shared_ptr<const AttentionSnapshot> testAttention;   // null without attention
    EvaluationReport evaluation;
    std::shared_ptr<const FutureSnapshot> future;   // the next H values after the last row
    QStringList testLabels;                // (W) label of the first predicted row t+1 of each test window
    std::vector<double> testX;             // (W) x coordinate of that row (ms since epoch, or row index)
    bool calendarAxis = false;             // testX are milliseconds since 1970 (else plain numbers)
    std::vector<EpochRecord> history;
    int bestEpoch = 0;
    bool canResume = false;                // the session holds optimizer state
};

// What opening a checkpoint restored: the settings it was trained with, for the views to show.
struct OpenedCheckpoint {
    QString checkpointPath;
    QString dataPath;                      // the data it now predicts on
    PipelineConfig pipeline;
    ModelSpec spec;
    std::optional<TrainConfig> train;      // absent for a model-only (e.g. PyTorch-made) file
    QString note;                          // e.g. "the data differs from the training file (SHA-256)"
};

using ProgressSnapshotPtr = std::shared_ptr<const ProgressSnapshot>;
using EpochSnapshotPtr = std::shared_ptr<const EpochSnapshot>;
using AttentionSnapshotPtr = std::shared_ptr<const AttentionSnapshot>;
using ResultsSnapshotPtr = std::shared_ptr<const ResultsSnapshot>;
using OpenedCheckpointPtr = std::shared_ptr<const OpenedCheckpoint>;

// How a run ended, for the progress bar and the status line: "Finished · 40 epochs · best 31",
// "Early-stopped at epoch 13 · best 3", "Stopped by the user after epoch 10 · best 8",
// "Diverged at epoch 4"; "Model ready" for an opened checkpoint without a history.
QString runOutcome(const ResultsSnapshot& results);

// Registers the pointer types above for queued connections (call once before connecting).
void registerSnapshotTypes();

} // namespace lstmlab::ui

Q_DECLARE_METATYPE(lstmlab::ui::TrainRequest)
Q_DECLARE_METATYPE(lstmlab::ui::ProgressSnapshotPtr)
Q_DECLARE_METATYPE(lstmlab::ui::EpochSnapshotPtr)
Q_DECLARE_METATYPE(lstmlab::ui::AttentionSnapshotPtr)
Q_DECLARE_METATYPE(lstmlab::ui::ResultsSnapshotPtr)
Q_DECLARE_METATYPE(lstmlab::ui::OpenedCheckpointPtr)
