// TimeSeriesChart: a few named lines over the same x values (dates or numbers), replaced as a whole
// and decimated (short lines show a dot per point). Used for predictions vs actual and for the equity curves.
#pragma once

#include <QChartView>
#include <QColor>

#include <vector>

namespace lstmlab::ui {

struct ChartLine {
    QString name;
    std::vector<double> values;   // one per x; non-finite values are skipped
    QColor colour;
};

class TimeSeriesChart : public QChartView {
    Q_OBJECT
public:
    static constexpr int maxPointsPerLine = 3000;

    explicit TimeSeriesChart(const QString& title, const QString& yTitle, QWidget* parent = nullptr);

    // `calendar`: x are milliseconds since 1970. An empty x clears the chart.
    void setLines(bool calendar, const std::vector<double>& x, const std::vector<ChartLine>& lines);
    int lineCount() const;
    void setTitles(const QString& title, const QString& yTitle);
    QString title() const;

private:
    QString m_yTitle;
};

} // namespace lstmlab::ui
