// SeriesChart: a line chart of chosen columns over time, with the train / validation / test target
// ranges painted as translucent coloured bands over the plot area (labelled at the top).
// Series are replaced in one call each, decimated to a few thousand points.
#pragma once

#include "engine/data/frame.h"

#include <QChartView>
#include <QColor>
#include <QStringList>

#include <vector>

namespace lstmlab::ui {

struct SplitBand {
    double fromX = 0;   // x of the first and last row of the band (rowX)
    double toX = 0;
    QColor colour;
    QString label;
};

class SeriesChart : public QChartView {
    Q_OBJECT
public:
    explicit SeriesChart(QWidget* parent = nullptr);

    // Plots `columns` of `frame` (number columns; unknown names are skipped). An empty frame clears.
    void setSeries(const Frame& frame, const QStringList& columns);
    void setBands(std::vector<SplitBand> bands);

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    std::vector<SplitBand> m_bands;
};

} // namespace lstmlab::ui
