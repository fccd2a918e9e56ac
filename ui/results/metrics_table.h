// MetricsTable: the model's metrics beside the naive baselines (persistence, training mean) on
// validation and test, in price units and averaged over the horizon; and the sign backtest on the
// test split beside buy-and-hold (DESIGN.md "Evaluation": quant honesty). Better-than-both cells of
// the model are shown in green.
#pragma once

#include "engine/train/forecast.h"

#include <QWidget>

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

private:
    QTableWidget* m_metrics;
    QTableWidget* m_backtest;
};

} // namespace lstmlab::ui
