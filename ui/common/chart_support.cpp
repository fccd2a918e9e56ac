#include "ui/common/chart_support.h"

#include <QDateTimeAxis>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace lstmlab::ui {

QList<QPointF> decimate(const QList<QPointF>& points, int maxPoints)
{
    if (maxPoints < 4 || points.size() <= maxPoints)
        return points;
    const qsizetype buckets = maxPoints / 2;
    QList<QPointF> out;
    out.reserve(maxPoints);
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype first = b * points.size() / buckets;
        const qsizetype last = (b + 1) * points.size() / buckets;   // exclusive
        qsizetype low = first, high = first;
        for (qsizetype i = first; i < last; ++i) {
            if (points[i].y() < points[low].y())
                low = i;
            if (points[i].y() > points[high].y())
                high = i;
        }
        out.append(points[std::min(low, high)]);
        if (low != high)
            out.append(points[std::max(low, high)]);
    }
    return out;
}

bool hasCalendarAxis(const Frame& frame)
{
    const TimeFormat f = frame.time.format;
    return frame.time.column >= 0 && (f == TimeFormat::Date || f == TimeFormat::DateTime || f == TimeFormat::Month);
}

double rowX(const Frame& frame, std::size_t row)
{
    if (frame.time.column < 0 || row >= frame.time.keys.size())
        return double(row + 1);
    const double key = double(frame.time.keys[row]);
    return hasCalendarAxis(frame) ? key / 1000.0 : key;   // microseconds -> milliseconds
}

QAbstractAxis* makeXAxis(bool calendar)
{
    if (calendar) {
        auto* axis = new QDateTimeAxis;
        axis->setFormat(QStringLiteral("yyyy-MM"));
        axis->setTickCount(7);
        return axis;
    }
    auto* axis = new QValueAxis;
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setTickCount(7);
    return axis;
}

void setDateRange(QDateTimeAxis* axis, double firstMs, double lastMs)
{
    constexpr double hourMs = 3'600'000.0, dayMs = 24 * hourMs;
    const double span = lastMs - firstMs;
    axis->setFormat(span >= 730 * dayMs ? QStringLiteral("yyyy-MM")
                    : span >= 7 * dayMs ? QStringLiteral("yyyy-MM-dd")
                    : span >= hourMs    ? QStringLiteral("MM-dd hh:mm")
                                        : QStringLiteral("hh:mm:ss"));
    axis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(firstMs), Qt::UTC),
                   QDateTime::fromMSecsSinceEpoch(qint64(span > 0 ? lastMs : firstMs + 1000), Qt::UTC));
}

void setEpochAxis(QValueAxis* axis, int lastEpoch)
{
    const int last = std::max(2, lastEpoch);
    const double span = last - 1;
    double interval = 1;
    for (double scale = 1; span / interval > 8; scale *= 10)
        for (double f : {1.0, 2.0, 5.0})
            if (span / (interval = f * scale) <= 8)
                break;
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(1);
    axis->setTickInterval(interval);
    axis->setRange(1, last);   // after the interval: 10^5 epochs at the old interval would be 10^5 tick items
}

void setValueRange(QValueAxis* axis, double low, double high)
{
    if (!(high > low))
        high = low + std::max(1e-12, std::abs(low) * 1e-6);
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setTickCount(5);
    axis->setRange(low, high);
    axis->applyNiceNumbers();
    // Ticks are min + k * spacing: the fewest decimals that write each of them exactly enough.
    const int ticks = std::max(2, axis->tickCount());
    const double spacing = (axis->max() - axis->min()) / (ticks - 1);
    int decimals = 0;
    for (; decimals < 12; ++decimals) {
        bool exact = true;
        for (int k = 0; k < ticks && exact; ++k) {
            const double tick = axis->min() + k * spacing;
            exact = std::abs(QString::number(tick, 'f', decimals).toDouble() - tick) <= 0.01 * spacing;
        }
        if (exact)
            break;
    }
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}

void setLogRange(QLogValueAxis* axis, double low, double high)
{
    const double base = axis->base();
    double a = std::pow(base, std::floor(std::log(low) / std::log(base)));
    double b = std::pow(base, std::ceil(std::log(high) / std::log(base)));
    if (b <= a * base * 1.0000001)
        b = a * base * base;   // at least three powers: low's, one between, high's
    axis->setRange(a, b);
}

} // namespace lstmlab::ui
