#include "ui/results/forecast_chart.h"

#include "ui/common/chart_support.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace lstmlab::ui {
namespace {

// The band colours from the widest level (lightest) to the narrowest.
QColor bandColour(std::size_t rank, std::size_t levels)
{
    const int alpha = levels <= 1 ? 110 : 55 + int(rank) * 70 / int(levels - 1);
    return QColor(0x3b, 0x7d, 0xd8, alpha);
}

} // namespace

ForecastChart::ForecastChart(QWidget* parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(2, 2, 2, 2));
    setMinimumHeight(240);
}

void ForecastChart::setForecast(std::shared_ptr<const FutureSnapshot> future, bool calendar, int observed)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    m_observed = m_forecast = nullptr;
    m_bands.clear();
    c->setTitle(QString());
    if (!future || future->historyX.empty())
        return;
    const FutureSnapshot& s = *future;
    const std::size_t N = std::clamp<std::size_t>(std::size_t(std::max(observed, 1)), 1, s.historyX.size());
    const std::size_t first = s.historyX.size() - N;
    const QPointF last(s.historyX.back(), s.historyValues.back());
    double low = INFINITY, high = -INFINITY;
    const auto extend = [&](double y) {
        if (std::isfinite(y))
            low = std::min(low, y), high = std::max(high, y);
    };

    m_observed = new QLineSeries;
    m_observed->setName(tr("observed"));
    QList<QPointF> points;
    for (std::size_t i = first; i < s.historyX.size(); ++i)
        if (std::isfinite(s.historyValues[i])) {
            points.append(QPointF(s.historyX[i], s.historyValues[i]));
            extend(s.historyValues[i]);
        }
    QPen observedPen(QColor(0x4a, 0x4a, 0x4a));
    observedPen.setWidthF(1.6);
    m_observed->setPen(observedPen);
    m_observed->replace(decimate(points, 3000));
    m_observed->setPointsVisible(points.size() <= 40);

    QList<QAbstractSeries*> series;
    if (s.forecast) {
        const FutureForecast& f = *s.forecast;
        // Widest level first, so narrower bands are drawn over it.
        std::vector<std::size_t> order(f.intervals.size());
        for (std::size_t l = 0; l < order.size(); ++l)
            order[l] = l;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return f.calibration->levels[a] > f.calibration->levels[b]; });
        m_bands.assign(f.intervals.size(), nullptr);
        for (std::size_t rank = 0; rank < order.size(); ++rank) {
            const std::size_t l = order[rank];
            const IntervalBounds& b = f.intervals[l];
            const QString name = QString::fromStdString(level_label(f.calibration->levels[l])) + tr(" interval");
            if (!(b.lower.allFinite() && b.upper.allFinite())) {
                auto* missing = new QLineSeries;   // a legend entry only
                missing->setName(name + tr(": n/a (too few validation windows)"));
                series << missing;
                continue;
            }
            auto* area = new QAreaSeries;
            auto* upper = new QLineSeries(area);
            auto* lower = new QLineSeries(area);
            upper->append(last);
            lower->append(last);
            for (std::size_t h = 0; h < f.predicted.size(); ++h) {
                upper->append(s.futureX[h], b.upper(Eigen::Index(h), 0));
                lower->append(s.futureX[h], b.lower(Eigen::Index(h), 0));
                extend(b.upper(Eigen::Index(h), 0));
                extend(b.lower(Eigen::Index(h), 0));
            }
            area->setUpperSeries(upper);
            area->setLowerSeries(lower);
            area->setName(name);
            const QColor colour = bandColour(rank, order.size());
            area->setBrush(colour);
            area->setPen(QPen(colour.darker(115), 0.8));
            m_bands[l] = area;
            series << area;
        }
        m_forecast = new QLineSeries;
        m_forecast->setName(tr("forecast"));
        m_forecast->append(last);
        for (std::size_t h = 0; h < f.predicted.size(); ++h) {
            m_forecast->append(s.futureX[h], f.predicted[h]);
            extend(f.predicted[h]);
        }
        QPen forecastPen(QColor(0xd9, 0x6c, 0x00));
        forecastPen.setWidthF(2.0);
        m_forecast->setPen(forecastPen);
        m_forecast->setPointsVisible(f.predicted.size() <= 40);
    }
    series.prepend(m_observed);
    if (m_forecast)
        series << m_forecast;

    QAbstractAxis* xAxis = makeXAxis(calendar);
    auto* yAxis = new QValueAxis;
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* one : series) {
        c->addSeries(one);
        one->attachAxis(xAxis);
        one->attachAxis(yAxis);
    }
    // A little room after the last step, so its point is not drawn on the frame.
    const double x0 = s.historyX[first];
    const double end = s.futureX.empty() || !s.forecast ? last.x() : s.futureX.back();
    const double x1 = end + 0.015 * (end - x0);
    if (auto* dates = qobject_cast<QDateTimeAxis*>(xAxis))
        setDateRange(dates, x0, x1);
    else
        xAxis->setRange(x0, x1 > x0 ? x1 : x0 + 1);
    if (std::isfinite(low)) {
        const double pad = 0.04 * std::max(high - low, 1e-9);
        setValueRange(yAxis, low - pad, high + pad);
    }
}

} // namespace lstmlab::ui
