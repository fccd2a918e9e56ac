// Chart support shared by the chart widgets: decimation before QXYSeries::replace(), the x value of a
// data row (dates as milliseconds for a QDateTimeAxis, else the row's index), and axis factories.
//
// Charts never append point by point (docs/reliability.md: 2,000 appends to a 10k series take 12 s); they
// keep their data in vectors and call replace() with at most a few thousand decimated points.
#pragma once

#include "engine/data/frame.h"

#include <QList>
#include <QPointF>

class QAbstractAxis;
class QDateTimeAxis;
class QLogValueAxis;
class QValueAxis;

namespace lstmlab::ui {

// At most `maxPoints` points: the input split into maxPoints / 2 buckets, each represented by its
// minimum and maximum (in x order), so spikes survive. Returns the input when it is small enough.
QList<QPointF> decimate(const QList<QPointF>& points, int maxPoints);

// True when the frame's time axis is a calendar (dates), so x values are milliseconds since 1970.
bool hasCalendarAxis(const Frame& frame);

// x of row r: ms since 1970 for a calendar axis, the index key for an integer time column, else r + 1.
double rowX(const Frame& frame, std::size_t row);

// A QDateTimeAxis ("yyyy-MM") when calendar, else a QValueAxis with integer labels. Owned by the caller.
QAbstractAxis* makeXAxis(bool calendar);

// A calendar axis over [firstMs, lastMs] with a label format fine enough that no two of its ticks
// read the same: "yyyy-MM" over two years or more, "yyyy-MM-dd" over a week or more, "MM-dd hh:mm"
// over an hour or more, else "hh:mm:ss".
void setDateRange(QDateTimeAxis* axis, double firstMs, double lastMs);

// An epoch axis over 1..max(2, lastEpoch) with a tick on whole epochs only (every 1, 2 or 5 times a
// power of ten, at most about eight), so no two labels read the same ("1 1 2 2 2" on 1..2).
void setEpochAxis(QValueAxis* axis, int lastEpoch);

// A value axis over [low, high] with nice numbers and as many decimals as its tick spacing needs:
// every label differs (0.1234, 0.1236 rather than 0.123, 0.123 twice).
void setValueRange(QValueAxis* axis, double low, double high);

// A log axis over at least one whole decade either side of [low, high] (low > 0): its labels are the
// powers of ten, so the range always holds two or more of them.
void setLogRange(QLogValueAxis* axis, double low, double high);

} // namespace lstmlab::ui
