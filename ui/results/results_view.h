// ResultsView: the fourth step. Predictions vs actual over the test period, metrics beside the
// baselines, the backtest equity curve beside buy-and-hold, and the attention heatmap (live
// validation windows while training, or the trained model's test windows) with the bar chart of
// the clicked window; buttons to export the checkpoint, the predictions CSV and the chart images.
#pragma once

#include "ui/common/snapshots.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace lstmlab::ui {

class AttentionBars;
class AttentionHeatmap;
class MetricsTable;
class TimeSeriesChart;

class ResultsView : public QWidget {
    Q_OBJECT
public:
    explicit ResultsView(QWidget* parent = nullptr);

    void setResults(ResultsSnapshotPtr results);
    void setLiveAttention(AttentionSnapshotPtr snapshot);
    void setExportEnabled(bool enabled);
    ResultsSnapshotPtr results() const { return m_results; }

    AttentionHeatmap* heatmap() const { return m_heatmap; }
    AttentionBars* bars() const { return m_bars; }
    TimeSeriesChart* predictionChart() const { return m_predictions; }
    TimeSeriesChart* equityChart() const { return m_equity; }
    MetricsTable* metricsTable() const { return m_metrics; }
    // The charts worth exporting as images, with file stems ("predictions", "equity", "attention").
    std::vector<std::pair<QString, QWidget*>> chartWidgets() const;

signals:
    void exportCheckpointRequested();
    void exportPredictionsRequested();
    void exportImagesRequested();

private:
    void showHeatmapSource();

    ResultsSnapshotPtr m_results;
    AttentionSnapshotPtr m_live;
    QLabel* m_status;
    QPushButton* m_exportCheckpoint;
    QPushButton* m_exportPredictions;
    QPushButton* m_exportImages;
    TimeSeriesChart* m_predictions;
    TimeSeriesChart* m_equity;
    MetricsTable* m_metrics;
    QComboBox* m_heatmapSource;
    AttentionHeatmap* m_heatmap;
    AttentionBars* m_bars;
    QLabel* m_hover;
};

} // namespace lstmlab::ui
