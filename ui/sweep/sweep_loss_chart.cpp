#include "ui/sweep/sweep_loss_chart.h"

#include "ui/common/chart_support.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <set>

namespace lstmlab::ui {

SweepLossChart::SweepLossChart(QWidget* parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->setTitle(tr("Loss per epoch of the selected trials (validation solid, train dashed)"));
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    auto* x = new QValueAxis;
    x->setTitleText(tr("epoch"));
    setEpochAxis(x, 2);
    auto* y = new QValueAxis;
    y->setTitleText(tr("loss"));
    y->setLabelFormat(QStringLiteral("%.3g"));
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    m_timer = new QTimer(this);
    m_timer->setInterval(redrawIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &SweepLossChart::flush);
    m_timer->start();
    setMinimumHeight(220);
}

QColor SweepLossChart::trialColour(int trial)
{
    // Tableau 10: distinct on white, and stable per trial.
    static const QColor colours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                     QColor(0x17, 0xbe, 0xcf)};
    return colours[std::abs(trial) % 10];
}

void SweepLossChart::setCurves(std::vector<SweepCurve> curves)
{
    m_curves = std::move(curves);
    m_dirty = true;
}

void SweepLossChart::flush()
{
    if (m_dirty)
        redraw();
}

QLineSeries* SweepLossChart::validationSeries(int trial) const
{
    const auto it = m_series.find(trial);
    return it == m_series.end() ? nullptr : it->second.validation;
}

QLineSeries* SweepLossChart::trainSeries(int trial) const
{
    const auto it = m_series.find(trial);
    return it == m_series.end() ? nullptr : it->second.train;
}

void SweepLossChart::redraw()
{
    m_dirty = false;
    QAbstractAxis* x = chart()->axes(Qt::Horizontal).value(0);
    QAbstractAxis* y = chart()->axes(Qt::Vertical).value(0);
    std::set<int> wanted;
    for (const SweepCurve& curve : m_curves)
        wanted.insert(curve.trial);
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (wanted.count(it->first)) {
            ++it;
            continue;
        }
        for (QLineSeries* series : {it->second.validation, it->second.train}) {
            chart()->removeSeries(series);
            delete series;
        }
        it = m_series.erase(it);
    }
    double low = INFINITY, high = -INFINITY;
    int epochs = 2;
    for (const SweepCurve& curve : m_curves) {
        auto [it, added] = m_series.try_emplace(curve.trial, Pair{nullptr, nullptr});
        Pair& pair = it->second;
        if (added) {
            pair.validation = new QLineSeries;
            pair.train = new QLineSeries;
            QPen pen(trialColour(curve.trial));
            pen.setWidthF(2);
            pair.validation->setPen(pen);
            pen.setStyle(Qt::DashLine);
            pen.setWidth(1);
            pen.setCosmetic(true);
            pair.train->setPen(pen);
            for (QLineSeries* series : {pair.validation, pair.train}) {
                chart()->addSeries(series);
                series->attachAxis(x);
                series->attachAxis(y);
            }
            for (QLegendMarker* marker : chart()->legend()->markers(pair.train))
                marker->setVisible(false);   // one legend entry per trial: its colour
        }
        if (pair.validation->name() != curve.name)
            pair.validation->setName(curve.name);
        QList<QPointF> validation, train;
        for (const EpochRecord& record : curve.history) {
            for (auto [points, loss] : {std::pair{&validation, record.validation_loss}, std::pair{&train, record.train_loss}})
                if (std::isfinite(loss)) {
                    points->append(QPointF(record.epoch, loss));
                    low = std::min(low, loss);
                    high = std::max(high, loss);
                }
            epochs = std::max(epochs, record.epoch);
        }
        if (added || pair.drawn != curve.history.size()) {
            pair.validation->replace(validation);
            pair.train->replace(train);
            pair.drawn = curve.history.size();
        }
    }
    // A few entries fit under the plot; more go in a column on the right, where they are not elided.
    chart()->legend()->setAlignment(m_curves.size() > 3 ? Qt::AlignRight : Qt::AlignBottom);
    updateAxes(epochs, low, high, std::any_of(m_curves.begin(), m_curves.end(), [](const SweepCurve& c) { return c.live; }));
}

void SweepLossChart::updateAxes(int epochs, double low, double high, bool live)
{
    // While a shown trial runs, the axes keep some headroom and change only when the data leaves
    // them (a new axis range re-lays the whole chart); a finished picture fits its data exactly.
    int end = std::max(2, epochs);
    if (live)
        end = epochs <= m_epochAxisEnd && 2 * epochs > m_epochAxisEnd ? m_epochAxisEnd : std::max(2, epochs + (epochs + 3) / 4);
    auto* x = qobject_cast<QValueAxis*>(chart()->axes(Qt::Horizontal).value(0));
    auto* y = qobject_cast<QValueAxis*>(chart()->axes(Qt::Vertical).value(0));
    if (end != m_epochAxisEnd) {
        m_epochAxisEnd = end;
        setEpochAxis(x, end);
    }
    if (!std::isfinite(low))
        return;
    const bool inside = low >= y->min() && high <= y->max() && (high - low) > 0.5 * (y->max() - y->min());
    if (live && inside)
        return;
    const double pad = 0.05 * std::max(high - low, 1e-12);
    setValueRange(y, std::max(0.0, low - pad), high + pad);
}

} // namespace lstmlab::ui
