#include "ui/common/chart_support.h"

#include <QDateTimeAxis>
#include <QValueAxis>

#include <algorithm>

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

} // namespace lstmlab::ui
