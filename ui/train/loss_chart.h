// LossChart: training and validation loss per epoch, drawn live. The history is kept in vectors; a
// 150 ms timer redraws when it changed, with QXYSeries::replace() on decimated lists (never one
// append per point). Non-finite losses are never drawn (R6). A marker shows the best epoch; the
// y axis switches between linear and logarithmic.
#pragma once

#include "engine/train/train_config.h"

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
    static constexpr int maxPoints = 1200;

    explicit LossChart(QWidget* parent = nullptr);

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

    std::vector<EpochRecord> m_history;
    int m_bestEpoch = 0;
    bool m_dirty = false;
    bool m_log = false;
    QLineSeries* m_train;
    QLineSeries* m_validation;
    QScatterSeries* m_best;
    QTimer* m_timer;
};

} // namespace lstmlab::ui
