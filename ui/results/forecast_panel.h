// ForecastPanel: the Results step's answer to "what comes next?" -- the last N observed values, the
// forecast past the last row and its prediction intervals on one chart (ForecastChart), the table
// below it (the time of each step, the forecast, the bounds per level, six significant digits like
// `lstmlab-cli forecast`), the calendar's one-line evidence, the intervals' test coverage, and the
// "Export forecast CSV…" button (the CLI's `forecast --out` file). N is adjustable and starts at
// max(30, 6 H) observed rows. The forecast itself is computed on the training thread with the results
// (ResultsSnapshot::future); this widget only shows it.
#pragma once

#include "ui/common/snapshots.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableWidget;

namespace lstmlab::ui {

class ForecastChart;

class ForecastPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int minimumDefaultObserved = 30;
    static constexpr int tableRowsShown = 12;   // the table is tall enough for this many steps

    explicit ForecastPanel(QWidget* parent = nullptr);

    void setResults(ResultsSnapshotPtr results);
    // What WorkbenchState allows; `reason` (why not) becomes the button's tooltip.
    void setExportEnabled(bool enabled, const QString& reason = {});
    void setObservedCount(int rows);
    int observedCount() const;

    ForecastChart* chart() const { return m_chart; }
    QTableWidget* table() const { return m_table; }
    QLabel* heading() const { return m_heading; }
    QLabel* calendarLabel() const { return m_calendar; }
    QLabel* intervalLabel() const { return m_intervals; }
    QPushButton* exportButton() const { return m_export; }
    QSpinBox* observedSpin() const { return m_observed; }

signals:
    void exportRequested();

private:
    void showChart();
    void fillTable();

    ResultsSnapshotPtr m_results;
    QLabel* m_heading;
    QLabel* m_calendar;
    QLabel* m_intervals;
    QSpinBox* m_observed;
    QPushButton* m_export;
    ForecastChart* m_chart;
    QTableWidget* m_table;
    QSplitter* m_split;
};

} // namespace lstmlab::ui
