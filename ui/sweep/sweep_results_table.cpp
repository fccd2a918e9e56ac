#include "ui/sweep/sweep_results_table.h"

#include "ui/sweep/sweep_filter_proxy.h"
#include "ui/sweep/sweep_results_model.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace lstmlab::ui {

SweepResultsTable::SweepResultsTable(SweepResultsModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_proxy(new SweepFilterProxy(this))
{
    m_proxy->setSourceModel(m_model);
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("sweep_filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter: text in any column, or column:text, val<0.01, sharpe>0, status:finished …"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &SweepFilterProxy::setFilterText);

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("sweep_results"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    // Not ResizeToContents: progress updates would re-measure the columns many times a second.
    m_view->horizontalHeader()->setStretchLastSection(true);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SweepResultsTable::selectionChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SweepResultsTable::selectionChanged);
    // A new plan resets the model: the selection is gone, say so.
    connect(m_model, &QAbstractItemModel::modelReset, this, &SweepResultsTable::selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SweepResultsTable::fitColumns);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

std::vector<int> SweepResultsTable::selectedTrials() const
{
    std::set<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.insert(index.row());
    std::vector<int> trials;
    for (int row : rows)
        trials.push_back(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return trials;
}

int SweepResultsTable::currentTrial() const
{
    const std::vector<int> selected = selectedTrials();
    if (selected.size() == 1)
        return selected.front();
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!selected.empty() && current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), {}))
        return m_proxy->mapToSource(current).row();
    return selected.empty() ? -1 : selected.front();
}

void SweepResultsTable::selectTrial(int trialIndex)
{
    const QModelIndex source = m_model->index(trialIndex, 0);
    const QModelIndex shown = m_proxy->mapFromSource(source);
    if (!shown.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(shown);
}

void SweepResultsTable::fitColumns() { m_view->resizeColumnsToContents(); }

void SweepResultsTable::sortByValidationLoss() { m_view->sortByColumn(m_model->validationLossColumn(), Qt::AscendingOrder); }

} // namespace lstmlab::ui
