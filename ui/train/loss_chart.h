// LossChart: training and validation loss per epoch, drawn live. It keeps the worker's immutable
// EpochSnapshot (no copy on the GUI thread); a 150 ms timer redraws when it changed, with
// QXYSeries::replace() on lists decimated straight from the records (never one append per point,
// never a full-size intermediate list: a 10^5-epoch history costs one pass per redraw). Non-finite losses are never drawn (R6). A marker shows the best epoch; the
// y axis switches between linear and logarithmic (then always spanning two or more powers of ten).
// Short histories show a dot per epoch; every axis label differs from its neighbours.
#pragma once

#include "engine/train/train_config.h"
#include "ui/common/snapshots.h"

#include <QChartView>

#include <vector>

class QLineSeries;
class QScatterSeries;
class QTimer;

namespace lstmlab::ui {

class LossChart : public QChartView {
    Q_OBJECT
public:
    static constexpr int redrawIntervalMs = 150;
    // 300 min/max buckets: under 3 px each on a full-width chart, and a redraw costs ~10 ms of the
    // GUI thread (1200 points cost 20-25 ms, and 55 ms p99 on a loaded 2-core machine: R9).
    static constexpr int maxPoints = 600;
    // Histories up to this many epochs are drawn with a dot on every epoch.
    static constexpr std::size_t shortHistory = 30;

    explicit LossChart(QWidget* parent = nullptr);

    void setHistory(EpochSnapshotPtr snapshot);
    void setHistory(std::vector<EpochRecord> history, int bestEpoch);
    void clear();
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    // Redraws now if the data changed since the last redraw.
    void flush();

    QLineSeries* trainSeries() const { return m_train; }
    QLineSeries* validationSeries() const { return m_validation; }
    QScatterSeries* bestMarker() const { return m_best; }

private:
    void redraw();
    void rebuildAxes();

    EpochSnapshotPtr m_snapshot;
    bool m_dirty = false;
    bool m_log = false;
    QLineSeries* m_train;
    QLineSeries* m_validation;
    QScatterSeries* m_best;
    QTimer* m_timer;
};

} // namespace lstmlab::ui
