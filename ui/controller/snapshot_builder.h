// Snapshot builders: copy what the views need out of the worker's session (frame, prepared data,
// model) into the immutable snapshots of snapshots.h. Run on the worker thread only.
#pragma once

#include "engine/data/batch.h"
#include "engine/nn/model.h"
#include "ui/common/snapshots.h"

namespace lstmlab::ui {

// The fixed set of windows the live heatmap follows: every validation window, or `maxWindows`
// evenly spaced ones when there are more; x (F, T*W) filled once so each epoch is one forward.
struct HeatmapWindows {
    std::vector<std::size_t> indices;      // within the validation split
    BatchMatrix<float> x;                  // (F, T*W)
    BatchMatrix<float> y;                  // (H, W), unused
};

inline constexpr std::size_t maxHeatmapWindows = 1000;

HeatmapWindows chooseHeatmapWindows(const PreparedData& data, std::size_t maxWindows = maxHeatmapWindows);

// A snapshot of given weights (W, T) of windows ending at `endRows` (W); null when W or T is 0.
AttentionSnapshotPtr attentionSnapshotFrom(const Eigen::Ref<const Eigen::MatrixXf>& weights,
                                           const std::vector<std::size_t>& endRows, const Frame& frame,
                                           const QString& title);

// One inference forward over the fixed windows; null when the model has no attention.
AttentionSnapshotPtr attentionSnapshot(Model<float>& model, const PreparedData& data, const Frame& frame,
                                       const HeatmapWindows& windows, const QString& title);

// The forecast past the last row with the levels `levels`, and the observed rows the Forecast
// panel draws before it; a forecast that cannot be made leaves its one-sentence reason.
// `stored`: the calibration of the checkpoint the model was opened from (or null), used as the CLI's
// forecast uses it (future_forecast.h).
std::shared_ptr<const FutureSnapshot> futureSnapshot(Model<float>& model, const PreparedData& data, const Frame& frame,
                                                     const std::vector<double>& levels,
                                                     const ConformalCalibration* stored = nullptr);

// Forecast and evaluation of the test split, with labels and x values from the frame, and the
// forecast past the last row (levels of EvaluationOptions). The evaluation uses the engine's default
// EvaluationOptions (Sharpe annualised from the data's calendar, as `lstmlab-cli evaluate` without
// options); `evaluated`: that evaluation already made by the run (or null: made here).
std::shared_ptr<ResultsSnapshot> resultsSnapshot(Model<float>& model, const PreparedData& data, const Frame& frame,
                                                 const ConformalCalibration* stored = nullptr,
                                                 const EvaluationReport* evaluated = nullptr);

// "finished after 12 epochs (best: epoch 9, validation loss 0.0123)" and the like.
QString statusSentence(const TrainState& state);

} // namespace lstmlab::ui
