// FoldMetricChart: one walk-forward metric per fold as grouped bars, the model beside persistence
// (RMSE or MAE of each fold's test block, in the target's units), so a model that wins only in some
// periods shows it at a glance.
#pragma once

#include "engine/train/walk_forward.h"

#include <QChartView>

class QBarSet;

namespace lstmlab::ui {

class FoldMetricChart : public QChartView {
    Q_OBJECT
public:
    enum class Metric { Rmse, Mae };

    explicit FoldMetricChart(QWidget* parent = nullptr);

    // Null clears the chart.
    void setResult(std::shared_ptr<const WalkForwardResult> result, Metric metric);

    QBarSet* modelSet() const { return m_model; }
    QBarSet* persistenceSet() const { return m_persistence; }

private:
    QBarSet* m_model = nullptr;
    QBarSet* m_persistence = nullptr;
};

} // namespace lstmlab::ui
