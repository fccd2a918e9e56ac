#include "ui/results/time_series_chart.h"

#include "ui/common/chart_support.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace lstmlab::ui {

TimeSeriesChart::TimeSeriesChart(const QString& title, const QString& yTitle, QWidget* parent)
    : QChartView(new QChart, parent), m_yTitle(yTitle)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->setTitle(title);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(2, 2, 2, 2));
    setMinimumHeight(200);
}

void TimeSeriesChart::setLines(bool calendar, const std::vector<double>& x, const std::vector<ChartLine>& lines)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    if (x.empty())
        return;
    QAbstractAxis* xAxis = makeXAxis(calendar);
    auto* yAxis = new QValueAxis;
    yAxis->setTitleText(m_yTitle);
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);
    double low = INFINITY, high = -INFINITY;
    for (const ChartLine& line : lines) {
        QList<QPointF> points;
        points.reserve(qsizetype(x.size()));
        for (std::size_t i = 0; i < x.size() && i < line.values.size(); ++i)
            if (std::isfinite(line.values[i])) {
                points.append(QPointF(x[i], line.values[i]));
                low = std::min(low, line.values[i]);
                high = std::max(high, line.values[i]);
            }
        auto* series = new QLineSeries;
        series->setName(line.name);
        QPen pen(line.colour);
        pen.setWidthF(1.6);
        series->setPen(pen);
        series->replace(decimate(points, maxPointsPerLine));
        series->setPointsVisible(points.size() <= 40);
        c->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
    xAxis->setRange(x.front(), x.back() > x.front() ? x.back() : x.front() + 1);
    if (std::isfinite(low)) {
        const double pad = 0.04 * std::max(high - low, 1e-9);
        setValueRange(yAxis, low - pad, high + pad);
    }
}

void TimeSeriesChart::setTitles(const QString& title, const QString& yTitle)
{
    chart()->setTitle(title);
    m_yTitle = yTitle;
}

QString TimeSeriesChart::title() const { return chart()->title(); }

int TimeSeriesChart::lineCount() const { return int(chart()->series().size()); }

} // namespace lstmlab::ui
