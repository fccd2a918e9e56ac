// FrameTableModel: a read-only table over a loaded Frame for the Data view's preview.
// Rows are the file's kept rows (row header = the physical line), columns its header; a number shows
// with up to 10 significant digits, a missing value as "NA", a text column as "(text)".
#pragma once

#include "ui/controller/data_loader.h"

#include <QAbstractTableModel>

namespace lstmlab::ui {

class FrameTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit FrameTableModel(QObject* parent = nullptr);

    void setFrame(LoadedDataPtr data);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    LoadedDataPtr m_data;
};

} // namespace lstmlab::ui
