#include "ui/train/loss_chart.h"

#include "ui/common/chart_support.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QTimer>
#include <QValueAxis>

#include <cmath>

namespace lstmlab::ui {

LossChart::LossChart(QWidget* parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    m_train = new QLineSeries;
    m_train->setName(tr("train loss"));
    m_validation = new QLineSeries;
    m_validation->setName(tr("validation loss"));
    m_best = new QScatterSeries;
    m_best->setName(tr("best epoch"));
    m_best->setMarkerSize(11);
    m_best->setColor(QColor(0xd0, 0x30, 0x30));
    QPen pen(QColor(0x2f, 0x7b, 0xbf));
    pen.setWidthF(2);
    m_train->setPen(pen);
    pen.setColor(QColor(0xef, 0x8f, 0x00));
    m_validation->setPen(pen);
    for (QAbstractSeries* series : {static_cast<QAbstractSeries*>(m_train), static_cast<QAbstractSeries*>(m_validation),
                                    static_cast<QAbstractSeries*>(m_best)})
        chart()->addSeries(series);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setTitle(tr("Loss per epoch"));
    chart()->setMargins(QMargins(4, 4, 4, 4));
    rebuildAxes();
    m_timer = new QTimer(this);
    m_timer->setInterval(redrawIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &LossChart::flush);
    m_timer->start();
    setMinimumHeight(240);
}

void LossChart::setHistory(std::vector<EpochRecord> history, int bestEpoch)
{
    m_history = std::move(history);
    m_bestEpoch = bestEpoch;
    m_dirty = true;
}

void LossChart::clear() { setHistory({}, 0); }

void LossChart::setLogScale(bool on)
{
    if (on == m_log)
        return;
    m_log = on;
    rebuildAxes();
    m_dirty = true;
    flush();
}

void LossChart::flush()
{
    if (m_dirty)
        redraw();
}

void LossChart::rebuildAxes()
{
    for (QAbstractAxis* axis : chart()->axes())
        chart()->removeAxis(axis), delete axis;
    auto* x = new QValueAxis;
    x->setTitleText(tr("epoch"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    QAbstractAxis* y = nullptr;
    if (m_log) {
        auto* log = new QLogValueAxis;
        log->setBase(10);
        log->setLabelFormat(QStringLiteral("%.2g"));
        log->setMinorTickCount(-1);
        y = log;
    } else {
        auto* linear = new QValueAxis;
        linear->setLabelFormat(QStringLiteral("%.3g"));
        y = linear;
    }
    y->setTitleText(tr("loss"));
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart()->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

void LossChart::redraw()
{
    m_dirty = false;
    QList<QPointF> train, validation, best;
    double low = INFINITY, high = -INFINITY;
    auto keep = [&](QList<QPointF>& points, double epoch, double loss) {
        // Non-finite values never reach the chart; a log axis also needs positive values.
        if (!std::isfinite(loss) || (m_log && loss <= 0))
            return;
        points.append(QPointF(epoch, loss));
        low = std::min(low, loss);
        high = std::max(high, loss);
    };
    for (const EpochRecord& record : m_history) {
        keep(train, record.epoch, record.train_loss);
        keep(validation, record.epoch, record.validation_loss);
        if (record.epoch == m_bestEpoch) {
            const double marked = std::isfinite(record.validation_loss) ? record.validation_loss : record.train_loss;
            if (std::isfinite(marked) && (!m_log || marked > 0))
                best.append(QPointF(record.epoch, marked));
        }
    }
    m_train->replace(decimate(train, maxPoints));
    m_validation->replace(decimate(validation, maxPoints));
    m_best->replace(best);
    const QList<QAbstractAxis*> x = chart()->axes(Qt::Horizontal);
    const QList<QAbstractAxis*> y = chart()->axes(Qt::Vertical);
    if (x.isEmpty() || y.isEmpty())
        return;
    const double epochs = m_history.empty() ? 1.0 : double(m_history.back().epoch);
    const double last = std::max(2.0, epochs);
    auto* epochAxis = static_cast<QValueAxis*>(x.first());
    epochAxis->setRange(1.0, last);
    // Whole epochs only: 1, 2, 5 or 10 times a power of ten, about eight ticks.
    const double span = last - 1;
    double interval = 1;
    for (double scale = 1; span / interval > 8; scale *= 10)
        for (double f : {1.0, 2.0, 5.0}) {
            interval = f * scale;
            if (span / interval <= 8)
                break;
        }
    epochAxis->setTickType(QValueAxis::TicksDynamic);
    epochAxis->setTickAnchor(1);
    epochAxis->setTickInterval(interval);
    if (std::isfinite(low)) {
        const double pad = m_log ? 1.0 : 0.05 * std::max(high - low, 1e-12);
        y.first()->setRange(m_log ? low / 1.5 : std::max(0.0, low - pad), m_log ? high * 1.5 : high + pad);
        if (auto* linear = qobject_cast<QValueAxis*>(y.first()))
            linear->applyNiceNumbers();
    }
}

} // namespace lstmlab::ui
