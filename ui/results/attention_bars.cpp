#include "ui/results/attention_bars.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>

namespace lstmlab::ui {

AttentionBars::AttentionBars(QWidget* parent) : QChartView(new QChart, parent)
{
    chart()->legend()->hide();
    chart()->setMargins(QMargins(2, 2, 2, 2));
    chart()->setTitle(tr("Click a heatmap row to see that window's weights"));
    setMinimumHeight(170);
}

void AttentionBars::showWindow(const AttentionSnapshotPtr& snapshot, int window)
{
    chart()->removeAllSeries();
    for (QAbstractAxis* axis : chart()->axes())
        chart()->removeAxis(axis), delete axis;
    m_set = nullptr;
    if (!snapshot || window < 0 || window >= snapshot->windows) {
        chart()->setTitle(tr("Click a heatmap row to see that window's weights"));
        return;
    }
    const int T = snapshot->steps;
    m_set = new QBarSet(tr("weight"));
    m_set->setColor(QColor(0x3b, 0x6e, 0xa8));
    QStringList lags;
    float high = 0;
    for (int k = 0; k < T; ++k) {
        const float w = snapshot->weight(window, k);
        m_set->append(double(w));
        high = std::max(high, w);
        const int lag = T - 1 - k;
        lags << QString::number(lag);
    }
    auto* series = new QBarSeries;
    series->append(m_set);
    chart()->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(lags);
    QFont small = x->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    x->setLabelsFont(small);
    auto* y = new QValueAxis;
    y->setRange(0, std::max(0.01, double(high) * 1.1));
    y->setLabelFormat(QStringLiteral("%.2f"));
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart()->setTitle(tr("Window ending %1: weight by lag (0 = its last step t)").arg(snapshot->stepLabel(window, T - 1)));
}

QList<qreal> AttentionBars::values() const
{
    QList<qreal> out;
    if (m_set)
        for (int k = 0; k < m_set->count(); ++k)
            out << m_set->at(k);
    return out;
}

} // namespace lstmlab::ui
