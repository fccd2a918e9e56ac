// Chart support shared by the chart widgets: decimation before QXYSeries::replace(), the x value of a
// data row (dates as milliseconds for a QDateTimeAxis, else the row's index), and axis factories.
//
// Charts never append point by point (RELIABILITY.md: 2,000 appends to a 10k series take 12 s); they
// keep their data in vectors and call replace() with at most a few thousand decimated points.
#pragma once

#include "engine/data/frame.h"

#include <QList>
#include <QPointF>

class QAbstractAxis;

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

} // namespace lstmlab::ui
