// SweepLossChart: the loss curves of the selected trials, overlaid: validation loss solid, train loss
// dashed, one colour per trial (the same colour whenever that trial is shown). Curves are kept as
// data; a 250 ms timer redraws when they changed, with QXYSeries::replace() (never per point) on
// the series whose data grew only, and non-finite losses are never drawn (R6). The dashed pen is
// cosmetic and one pixel wide: Qt draws it on its fast path (a wide dashed pen is stroked as a
// path, which costs the GUI thread several milliseconds per redraw).
#pragma once

#include "engine/train/train_config.h"

#include <QChartView>

#include <map>
#include <vector>

class QLineSeries;
class QTimer;

namespace lstmlab::ui {

struct SweepCurve {
    int trial = 0;                      // trial index: picks the colour
    QString name;                       // legend text
    std::vector<EpochRecord> history;   // (E)
    bool live = false;                  // the trial is still running
};

class SweepLossChart : public QChartView {
    Q_OBJECT
public:
    static constexpr int redrawIntervalMs = 250;

    explicit SweepLossChart(QWidget* parent = nullptr);

    void setCurves(std::vector<SweepCurve> curves);
    // Redraws now if the curves changed since the last redraw.
    void flush();

    static QColor trialColour(int trial);
    // The series drawn for a trial (null when it is not shown).
    QLineSeries* validationSeries(int trial) const;
    QLineSeries* trainSeries(int trial) const;
    int shownTrials() const { return int(m_series.size()); }

private:
    struct Pair {
        QLineSeries* validation;
        QLineSeries* train;
        std::size_t drawn = 0;   // epochs in the series (histories only grow)
    };
    void redraw();
    void updateAxes(int epochs, double low, double high, bool live);

    std::vector<SweepCurve> m_curves;
    std::map<int, Pair> m_series;   // by trial index
    bool m_dirty = false;
    int m_epochAxisEnd = 0;
    QTimer* m_timer;
};

} // namespace lstmlab::ui
