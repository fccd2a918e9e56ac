// SweepResultsTable: the trials table (SweepResultsModel behind a SweepFilterProxy) with a filter
// line above it. Click a header to sort by that column; select rows to overlay their loss curves.
// Selection is reported in trial indices (the model's rows), whatever the sort and filter.
#pragma once

#include <QWidget>

#include <vector>

class QLineEdit;
class QTableView;

namespace lstmlab::ui {

class SweepFilterProxy;
class SweepResultsModel;

class SweepResultsTable : public QWidget {
    Q_OBJECT
public:
    explicit SweepResultsTable(SweepResultsModel* model, QWidget* parent = nullptr);

    SweepResultsModel* model() const { return m_model; }
    SweepFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }

    // Trial indices of the selected rows, in the order shown.
    std::vector<int> selectedTrials() const;
    // The trial of the current row, or -1.
    int currentTrial() const;
    void selectTrial(int trialIndex);
    void sortByValidationLoss();
    // Columns as wide as their contents (after a new plan, or when a trial finishes).
    void fitColumns();

signals:
    void selectionChanged();

private:
    SweepResultsModel* m_model;
    SweepFilterProxy* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
};

} // namespace lstmlab::ui
