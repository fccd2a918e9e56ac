// SummaryTable: the tutorial's model_summary as a live table -- one row per block (layer, what it
// is, output shape for a batch of B windows, parameters) and the total -- from engine summarize().
// An invalid spec shows the engine's sentence instead of a table (the dimension check, always on).
#pragma once

#include "engine/nn/summary.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace lstmlab::ui {

class SummaryTable : public QWidget {
    Q_OBJECT
public:
    explicit SummaryTable(QWidget* parent = nullptr);

    void setSummary(const ModelSummary& summary);
    void setProblem(const QString& sentence);

    int rowCount() const;
    QString totalText() const;

private:
    QTableWidget* m_table;
    QLabel* m_total;
};

} // namespace lstmlab::ui
