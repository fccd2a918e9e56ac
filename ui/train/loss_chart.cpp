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
    redraw();   // the empty chart's axes: epochs 1 and 2, not 0..1 written as "0 0 1 1 1"
    m_timer = new QTimer(this);
    m_timer->setInterval(redrawIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &LossChart::flush);
    m_timer->start();
    setMinimumHeight(240);
}

void LossChart::setHistory(EpochSnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_dirty = true;
}

void LossChart::setHistory(std::vector<EpochRecord> history, int bestEpoch)
{
    auto snapshot = std::make_shared<EpochSnapshot>();
    snapshot->history = std::move(history);
    snapshot->bestEpoch = bestEpoch;
    setHistory(std::move(snapshot));
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

namespace {

// At most maxPoints points of one loss curve, straight from the records: the records split into
// maxPoints / 2 buckets, each drawn as its minimum and maximum (in epoch order), so spikes survive.
// Non-finite losses are skipped (R6), and so are values <= 0 on a log axis.
QList<QPointF> curve(const std::vector<EpochRecord>& records, double EpochRecord::*loss, bool log, int maxPoints,
                     double& low, double& high)
{
    const std::size_t n = records.size();
    const std::size_t buckets = std::max<std::size_t>(1, std::min<std::size_t>(n, std::size_t(maxPoints / 2)));
    QList<QPointF> points;
    points.reserve(qsizetype(2 * buckets));
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t first = b * n / buckets, last = (b + 1) * n / buckets;
        const EpochRecord* lowest = nullptr;
        const EpochRecord* highest = nullptr;
        for (std::size_t i = first; i < last; ++i) {
            const double value = records[i].*loss;
            if (!std::isfinite(value) || (log && value <= 0))
                continue;
            if (!lowest || value < lowest->*loss)
                lowest = &records[i];
            if (!highest || value > highest->*loss)
                highest = &records[i];
        }
        if (!lowest)
            continue;
        low = std::min(low, lowest->*loss);
        high = std::max(high, highest->*loss);
        const EpochRecord* a = lowest->epoch <= highest->epoch ? lowest : highest;
        const EpochRecord* z = a == lowest ? highest : lowest;
        points.append(QPointF(a->epoch, a->*loss));
        if (z != a)
            points.append(QPointF(z->epoch, z->*loss));
    }
    return points;
}

} // namespace

void LossChart::redraw()
{
    m_dirty = false;
    static const std::vector<EpochRecord> none;
    const std::vector<EpochRecord>& history = m_snapshot ? m_snapshot->history : none;
    const int bestEpoch = m_snapshot ? m_snapshot->bestEpoch : 0;
    double low = INFINITY, high = -INFINITY;
    m_train->replace(curve(history, &EpochRecord::train_loss, m_log, maxPoints, low, high));
    m_validation->replace(curve(history, &EpochRecord::validation_loss, m_log, maxPoints, low, high));
    QList<QPointF> best;
    if (bestEpoch >= 1 && std::size_t(bestEpoch) <= history.size()) {
        const EpochRecord& record = history[std::size_t(bestEpoch - 1)];
        const double marked = std::isfinite(record.validation_loss) ? record.validation_loss : record.train_loss;
        if (std::isfinite(marked) && (!m_log || marked > 0))
            best.append(QPointF(record.epoch, marked));
    }
    m_best->replace(best);
    // A short history is a few points: draw them, or epoch 1 alone would show as nothing but the best marker.
    const bool dots = history.size() <= shortHistory;
    m_train->setPointsVisible(dots);
    m_validation->setPointsVisible(dots);
    const QList<QAbstractAxis*> x = chart()->axes(Qt::Horizontal);
    const QList<QAbstractAxis*> y = chart()->axes(Qt::Vertical);
    if (x.isEmpty() || y.isEmpty())
        return;
    setEpochAxis(static_cast<QValueAxis*>(x.first()), history.empty() ? 1 : history.back().epoch);
    if (std::isfinite(low)) {
        if (auto* log = qobject_cast<QLogValueAxis*>(y.first()))
            setLogRange(log, low, high);
        else if (auto* linear = qobject_cast<QValueAxis*>(y.first()))
            setValueRange(linear, std::max(0.0, low - 0.05 * std::max(high - low, 1e-12)), high + 0.05 * std::max(high - low, 1e-12));
    }
}

} // namespace lstmlab::ui
