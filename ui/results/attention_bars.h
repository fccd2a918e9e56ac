// AttentionBars: the weights of one window over its T steps as a bar chart (lag on the x axis,
// oldest left, t right), like the tutorial's matplotlib figure of a single attention vector.
#pragma once

#include "ui/common/snapshots.h"

#include <QChartView>

class QBarSet;

namespace lstmlab::ui {

class AttentionBars : public QChartView {
    Q_OBJECT
public:
    explicit AttentionBars(QWidget* parent = nullptr);

    // Shows window `window` of `snapshot`; a null snapshot or an invalid window clears the chart.
    void showWindow(const AttentionSnapshotPtr& snapshot, int window);
    // The bar heights shown (T), for tests.
    QList<qreal> values() const;

private:
    QBarSet* m_set = nullptr;
};

} // namespace lstmlab::ui
