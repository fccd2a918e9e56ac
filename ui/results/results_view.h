// ResultsView: the fourth step. Predictions vs actual over the test period (by default as changes
// from the last known value, where a persistence-like model shows as a flat line rather than as a
// perfect fit; residuals and levels on request), metrics beside the
// baselines, the backtest equity curve beside buy-and-hold, and the attention heatmap (live
// validation windows while training, or the trained model's test windows) with the bar chart of
// the clicked window; buttons to export the checkpoint, the predictions CSV and the chart images.
// Pages: "Test period" (all of the above), "Forecast" (ForecastPanel: past the last row),
// "Walk-forward" (WalkForwardView: K test blocks, each fold retrained, with the DM test).
#pragma once

#include "ui/common/snapshots.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;

namespace lstmlab::ui {

class AttentionBars;
class AttentionHeatmap;
class ForecastPanel;
class MetricsTable;
class TimeSeriesChart;
class WalkForwardView;

class ResultsView : public QWidget {
    Q_OBJECT
public:
    static constexpr int minimumHeatmapHeight = 260;

    explicit ResultsView(QWidget* parent = nullptr);

    void setResults(ResultsSnapshotPtr results);
    void setLiveAttention(AttentionSnapshotPtr snapshot);
    // What MainWindow's WorkbenchState allows; `reason` (why not) becomes the buttons' tooltip.
    void setExportEnabled(bool checkpoint, bool results, const QString& reason = {});
    // Says that the results shown belong to the previous file; empty hides it.
    void setStaleNote(const QString& note);
    QString staleNote() const;
    QPushButton* exportCheckpointButton() const { return m_exportCheckpoint; }
    QPushButton* exportPredictionsButton() const { return m_exportPredictions; }
    QPushButton* saveImagesButton() const { return m_exportImages; }
    ResultsSnapshotPtr results() const { return m_results; }
    // A new run starts: the selected window of the previous one is forgotten.
    void clearSelection();

    enum class PredictionView { Changes, Residuals, Levels };
    void setPredictionView(PredictionView view);
    PredictionView predictionView() const;

    AttentionHeatmap* heatmap() const { return m_heatmap; }
    AttentionBars* bars() const { return m_bars; }
    TimeSeriesChart* predictionChart() const { return m_predictions; }
    TimeSeriesChart* equityChart() const { return m_equity; }
    MetricsTable* metricsTable() const { return m_metrics; }
    ForecastPanel* forecastPanel() const { return m_forecast; }
    WalkForwardView* walkForwardView() const { return m_walkForward; }
    QTabWidget* pages() const { return m_pages; }
    // The charts worth exporting as images, with file stems ("predictions", "equity", "attention").
    std::vector<std::pair<QString, QWidget*>> chartWidgets() const;

signals:
    void exportCheckpointRequested();
    void exportPredictionsRequested();
    void exportImagesRequested();
    void exportForecastRequested();

private:
    void showHeatmapSource();
    void showPredictions();

    ResultsSnapshotPtr m_results;
    AttentionSnapshotPtr m_live;
    QLabel* m_status;
    QLabel* m_stale;
    QPushButton* m_exportCheckpoint;
    QPushButton* m_exportPredictions;
    QPushButton* m_exportImages;
    TimeSeriesChart* m_predictions;
    QComboBox* m_predictionView;
    QCheckBox* m_stretch;
    TimeSeriesChart* m_equity;
    MetricsTable* m_metrics;
    QComboBox* m_heatmapSource;
    AttentionHeatmap* m_heatmap;
    AttentionBars* m_bars;
    QLabel* m_hover;
    ForecastPanel* m_forecast;
    WalkForwardView* m_walkForward;
    QTabWidget* m_pages;
};

} // namespace lstmlab::ui
