#include "ui/data/series_chart.h"

#include "ui/common/chart_support.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>

#include <cmath>

namespace lstmlab::ui {
namespace {

constexpr int maxPointsPerSeries = 3000;

} // namespace

SeriesChart::SeriesChart(QWidget* parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(220);
    // The bands are painted over the plot area: repaint all of it whenever the plot area moves.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    connect(chart(), &QChart::plotAreaChanged, viewport(), qOverload<>(&QWidget::update));
}

void SeriesChart::setSeries(const Frame& frame, const QStringList& columns)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    if (frame.rows() == 0)
        return;
    QAbstractAxis* x = makeXAxis(hasCalendarAxis(frame));
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.4g"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    double low = INFINITY, high = -INFINITY;
    for (const QString& name : columns) {
        const int index = frame.find(name.toStdString());
        if (index < 0 || frame.columns[std::size_t(index)].kind != ColumnKind::Number)
            continue;
        const std::vector<double>& values = frame.columns[std::size_t(index)].values;
        QList<QPointF> points;
        points.reserve(qsizetype(values.size()));
        for (std::size_t r = 0; r < values.size(); ++r)
            if (std::isfinite(values[r])) {
                points.append(QPointF(rowX(frame, r), values[r]));
                low = std::min(low, values[r]);
                high = std::max(high, values[r]);
            }
        auto* series = new QLineSeries;
        series->setName(name);
        series->replace(decimate(points, maxPointsPerSeries));
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    x->setRange(rowX(frame, 0), rowX(frame, frame.rows() - 1));
    if (std::isfinite(low)) {
        y->setRange(low, high > low ? high : low + 1);
        y->applyNiceNumbers();
    }
}

void SeriesChart::setBands(std::vector<SplitBand> bands)
{
    m_bands = std::move(bands);
    viewport()->update();
}

void SeriesChart::drawForeground(QPainter* painter, const QRectF& rect)
{
    QChartView::drawForeground(painter, rect);
    if (chart()->series().isEmpty())
        return;
    QAbstractSeries* reference = chart()->series().first();
    const QRectF plot = chart()->plotArea();
    painter->save();
    for (const SplitBand& band : m_bands) {
        const qreal left = std::max(plot.left(), chart()->mapToPosition(QPointF(band.fromX, 0), reference).x());
        const qreal right = std::min(plot.right(), chart()->mapToPosition(QPointF(band.toX, 0), reference).x());
        if (right <= left)
            continue;
        QColor fill = band.colour;
        fill.setAlpha(45);
        const QRectF area(left, plot.top(), right - left, plot.height());
        painter->fillRect(area, fill);
        painter->setPen(band.colour.darker(140));
        painter->drawText(area.adjusted(4, 2, -2, 0), Qt::AlignTop | Qt::AlignLeft, band.label);
    }
    painter->restore();
}

} // namespace lstmlab::ui
