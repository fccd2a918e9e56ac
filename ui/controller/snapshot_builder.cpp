#include "ui/controller/snapshot_builder.h"

#include "ui/common/chart_support.h"

#include "engine/data/time_parse.h"
#include "ui/common/setting_words.h"

#include <cmath>

namespace lstmlab::ui {

HeatmapWindows chooseHeatmapWindows(const PreparedData& data, std::size_t maxWindows)
{
    HeatmapWindows windows;
    const std::size_t count = data.windows[Split::Validation].count;
    const std::size_t shown = std::min(count, maxWindows);
    for (std::size_t k = 0; k < shown; ++k)
        windows.indices.push_back(shown == count ? k : k * count / shown);
    if (!windows.indices.empty())
        fill_batch<float>(data, Split::Validation, windows.indices, windows.x, windows.y);
    return windows;
}

AttentionSnapshotPtr attentionSnapshotFrom(const Eigen::Ref<const Eigen::MatrixXf>& weights,
                                           const std::vector<std::size_t>& endRows, const Frame& frame,
                                           const QString& title)
{
    const int W = int(weights.rows());
    const int T = int(weights.cols());
    if (W == 0 || T == 0 || endRows.size() != std::size_t(W))
        return nullptr;
    auto snapshot = std::make_shared<AttentionSnapshot>();
    snapshot->title = title;
    snapshot->windows = W;
    snapshot->steps = T;
    snapshot->weights.resize(std::size_t(W) * std::size_t(T));
    for (int w = 0; w < W; ++w)
        for (int k = 0; k < T; ++k)
            snapshot->weights[std::size_t(w) * std::size_t(T) + std::size_t(k)] = weights(w, k);
    snapshot->endRows = endRows;
    snapshot->firstRow = endRows.front() + 1 - std::size_t(T);
    for (std::size_t row = snapshot->firstRow; row <= endRows.back(); ++row)
        snapshot->rowLabels << QString::fromStdString(frame.row_label(row));
    return snapshot;
}

AttentionSnapshotPtr attentionSnapshot(Model<float>& model, const PreparedData& data, const Frame& frame,
                                       const HeatmapWindows& windows, const QString& title)
{
    if (!model.spec().attention || windows.indices.empty())
        return nullptr;
    const int T = int(data.windows.sequence_length);
    const int W = int(windows.indices.size());
    model.forward(windows.x, T, W, Mode::inference);
    std::vector<std::size_t> endRows;
    for (std::size_t index : windows.indices)
        endRows.push_back(data.windows.end_row(Split::Validation, index));
    return attentionSnapshotFrom(model.attention_weights(), endRows, frame, title);
}

std::shared_ptr<const FutureSnapshot> futureSnapshot(Model<float>& model, const PreparedData& data, const Frame& frame,
                                                     const std::vector<double>& levels, const ConformalCalibration* stored)
{
    auto future = std::make_shared<FutureSnapshot>();
    future->timeName = QString::fromStdString(data.pipeline.time_column.empty() ? "row" : data.pipeline.time_column);
    const std::size_t n = data.rows();
    if (n == 0) {
        future->problem = QStringLiteral("The data has no rows to forecast from.");
        return future;
    }
    future->lastLabel = QString::fromStdString(frame.row_label(n - 1));
    for (std::size_t row = n - std::min(n, FutureSnapshot::maxHistory); row < n; ++row) {
        future->historyX.push_back(rowX(frame, row));
        future->historyValues.push_back(data.target_level[row]);
    }
    try {
        future->forecast = forecast_future(model, data, levels, stored);
    } catch (const std::exception& e) {
        future->problem = errorText(e);
        return future;
    }
    const FutureForecast& f = *future->forecast;
    // x of step h: the label read back on the data's time axis; labels that are not (row numbers
    // after an irregular calendar) continue from the last row with its last step.
    const double lastX = future->historyX.back();
    const double step = future->historyX.size() > 1 ? lastX - future->historyX[future->historyX.size() - 2] : 1.0;
    const bool calendar = hasCalendarAxis(frame);
    for (std::size_t h = 0; h < f.times.labels.size(); ++h) {
        const auto parsed = frame.time.column >= 0 ? parse_time_as(data.time_format, f.times.labels[h]) : std::nullopt;
        if (parsed && (parsed->format == TimeFormat::Index) != calendar)
            future->futureX.push_back(calendar ? double(parsed->key) / 1000.0 : double(parsed->key));
        else if (frame.time.column < 0)
            future->futureX.push_back(double(n + h + 1));
        else
            future->futureX.push_back(lastX + double(h + 1) * step);
    }
    return future;
}

std::shared_ptr<ResultsSnapshot> resultsSnapshot(Model<float>& model, const PreparedData& data, const Frame& frame,
                                                 const ConformalCalibration* stored, const EvaluationReport* evaluated)
{
    auto results = std::make_shared<ResultsSnapshot>();
    results->pipeline = data.pipeline;
    results->spec = model.spec();
    results->calendarAxis = hasCalendarAxis(frame);
    if (data.windows[Split::Test].count > 0) {
        results->test = forecast_split(model, data, Split::Test, true);
        for (std::size_t end : results->test.prices.end_rows) {
            results->testLabels << QString::fromStdString(frame.row_label(end + 1));
            results->testX.push_back(rowX(frame, end + 1));
        }
        results->testAttention = attentionSnapshotFrom(results->test.attention, results->test.prices.end_rows, frame,
                                                       QStringLiteral("test, final weights"));
    }
    results->evaluation = evaluated ? *evaluated : evaluate_model(model, data);
    results->future = futureSnapshot(model, data, frame, EvaluationOptions{}.interval_levels, stored);
    return results;
}

QString statusSentence(const TrainState& state)
{
    const QString best = std::isfinite(state.best_validation)
                             ? QStringLiteral(" (best: epoch %1, validation loss %2)")
                                   .arg(state.best_epoch)
                                   .arg(state.best_validation, 0, 'g', 4)
                             : QString();
    switch (state.status) {
    case TrainStatus::finished:
        return QStringLiteral("Finished after %1 epochs%2.").arg(state.completed_epochs).arg(best);
    case TrainStatus::early_stopped:
        return QStringLiteral("Stopped early after %1 epochs: no improvement for the patience%2.")
            .arg(state.completed_epochs)
            .arg(best);
    case TrainStatus::stopped:
        return QStringLiteral("Stopped: %1%2.").arg(QString::fromStdString(state.stop_reason)).arg(best);
    case TrainStatus::diverged:
        return state.stop_reason_pieces.empty() ? QString::fromStdString(state.stop_reason)
                                                : settingSentence(state.stop_reason_pieces);
    case TrainStatus::running:
        return QStringLiteral("Running.");
    }
    return {};
}

} // namespace lstmlab::ui
