#include "ui/model/summary_table.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lstmlab::ui {

SummaryTable::SummaryTable(QWidget* parent) : QWidget(parent)
{
    m_table = new QTableWidget(0, 4);
    m_table->setHorizontalHeaderLabels({tr("Layer"), tr("Type"), tr("Output shape"), tr("Parameters")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_total = new QLabel;
    m_total->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_total);
}

void SummaryTable::setSummary(const ModelSummary& summary)
{
    m_table->setRowCount(0);
    auto addRow = [this](const std::string& name, const std::string& kind, const std::string& shape, const QString& params) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(name)));
        m_table->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(kind)));
        m_table->setItem(r, 2, new QTableWidgetItem(QString::fromStdString(shape)));
        auto* count = new QTableWidgetItem(params);
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, 3, count);
    };
    addRow("input", "windows of T steps x F features", summary.input_shape, QStringLiteral("-"));
    for (const SummaryBlock& block : summary.blocks)
        addRow(block.name, block.kind, block.output_shape, QString::fromStdString(group_thousands(block.parameters)));
    m_total->setStyleSheet(QString());
    m_total->setText(tr("<b>Total parameters: %1</b> — dimension check passed: every block's input width matches "
                        "the block below it.")
                         .arg(QString::fromStdString(group_thousands(summary.total_parameters))));
}

void SummaryTable::setProblem(const QString& sentence)
{
    m_table->setRowCount(0);
    m_total->setStyleSheet(QStringLiteral("color: #b03030; font-weight: bold;"));
    m_total->setText(sentence);
}

int SummaryTable::rowCount() const { return m_table->rowCount(); }
QString SummaryTable::totalText() const { return m_total->text(); }

} // namespace lstmlab::ui
