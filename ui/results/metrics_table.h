// MetricsTable: the model's metrics beside the naive baselines (persistence, seasonal naive,
// training mean) on validation and test, in the target's units and averaged over the horizon; and
// the sign backtest on the test split beside buy-and-hold (DESIGN.md "Evaluation": quant honesty).
// Cells of the model better than every baseline are shown in green. A figure that does not apply
// reads "n/a", with its reason as the cell's tooltip and in the notes line below the tables. The
// prediction intervals' coverage of the test values is shown beside their nominal levels, in bold
// red when a level falls 5 points short ("95 % covers 70 % of test values (BELOW its level ...)").
#pragma once

#include "engine/train/evaluation.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace lstmlab::ui {

class MetricsTable : public QWidget {
    Q_OBJECT
public:
    explicit MetricsTable(QWidget* parent = nullptr);

    void setReport(const EvaluationReport& report);
    void clear();

    QTableWidget* metrics() const { return m_metrics; }
    QTableWidget* backtest() const { return m_backtest; }
    // The n/a reasons of the last report, one per line ("n/a: MAPE: ...").
    QLabel* notes() const { return m_notes; }
    // The prediction intervals' test coverage beside their levels (render_interval_text).
    QLabel* intervals() const { return m_intervals; }

private:
    QLabel* m_metricsTitle;
    QTableWidget* m_metrics;
    QLabel* m_notes;
    QLabel* m_intervals;
    QLabel* m_backtestTitle;
    QTableWidget* m_backtest;
};

} // namespace lstmlab::ui
