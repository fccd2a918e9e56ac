// ForecastChart: the last N observed values of the target, then the forecast past the last row with
// its prediction intervals as shaded bands (a fan: every band and the forecast line start at the last
// observed value, so a one-step forecast still shows its width). The widest level is drawn first
// (lightest), the forecast last. A level whose bounds are infinite (too few validation windows) has
// no band; its legend entry says so.
#pragma once

#include "ui/common/snapshots.h"

#include <QChartView>

class QAreaSeries;
class QLineSeries;

namespace lstmlab::ui {

class ForecastChart : public QChartView {
    Q_OBJECT
public:
    explicit ForecastChart(QWidget* parent = nullptr);

    // Draws `observed` rows (at most the snapshot's history) before the forecast; null clears.
    void setForecast(std::shared_ptr<const FutureSnapshot> future, bool calendar, int observed);

    QLineSeries* observedSeries() const { return m_observed; }
    QLineSeries* forecastSeries() const { return m_forecast; }
    // The band of interval level l (FutureForecast::intervals[l]); null when it has none.
    QAreaSeries* band(std::size_t level) const { return level < m_bands.size() ? m_bands[level] : nullptr; }

private:
    QLineSeries* m_observed = nullptr;
    QLineSeries* m_forecast = nullptr;
    std::vector<QAreaSeries*> m_bands;   // (L), null entries for levels without a band
};

} // namespace lstmlab::ui
