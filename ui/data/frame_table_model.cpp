#include "ui/data/frame_table_model.h"

#include <QBrush>
#include <QColor>

#include <cmath>

namespace lstmlab::ui {

FrameTableModel::FrameTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void FrameTableModel::setFrame(LoadedDataPtr data)
{
    beginResetModel();
    m_data = std::move(data);
    endResetModel();
}

int FrameTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_data ? 0 : int(m_data->result.frame.rows());
}

int FrameTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_data ? 0 : int(m_data->result.frame.columns.size());
}

QVariant FrameTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_data || !index.isValid())
        return {};
    const Frame& frame = m_data->result.frame;
    const Column& column = frame.columns[std::size_t(index.column())];
    const std::size_t row = std::size_t(index.row());
    const bool isNumber = column.kind == ColumnKind::Number;
    const bool missing = isNumber && std::isnan(column.values[row]);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(isNumber ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && (missing || column.kind == ColumnKind::Text))
        return QBrush(QColor(0xb0, 0x40, 0x40));
    if (role != Qt::DisplayRole)
        return {};
    switch (column.kind) {
    case ColumnKind::Time: return QString::fromStdString(std::string(frame.time.label(row)));
    case ColumnKind::Text: return QStringLiteral("(text)");
    case ColumnKind::Number: return missing ? QStringLiteral("NA") : QString::number(column.values[row], 'g', 10);
    }
    return {};
}

QVariant FrameTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_data || role != Qt::DisplayRole)
        return {};
    const Frame& frame = m_data->result.frame;
    if (orientation == Qt::Horizontal)
        return QString::fromStdString(frame.columns[std::size_t(section)].name);
    return QString::number(frame.lines[std::size_t(section)]);
}

} // namespace lstmlab::ui
