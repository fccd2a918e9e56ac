#include "ui/data/column_roles_table.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>

namespace lstmlab::ui {
namespace {

enum ColumnIndex { NameColumn, TypeColumn, MissingColumn, RoleColumn, TransformColumn, PlotColumn, ColumnCount };
constexpr Transform transforms[] = {Transform::Level, Transform::Diff, Transform::Return, Transform::LogReturn,
                                    Transform::Log};

} // namespace

ColumnRolesTable::ColumnRolesTable(QWidget* parent) : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Column"), tr("Type"), tr("Missing"), tr("Role"), tr("Transform"), tr("Plot")});
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::Stretch);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
}

void ColumnRolesTable::setColumns(const InspectReport& report)
{
    m_updating = true;
    setRowCount(0);
    for (const ColumnSummary& column : report.columns)
        addRow(column, report.time_format);
    int target = -1;   // "Close" when there is one, else the last number column
    int close = -1;
    for (int r = 0; r < rowCount(); ++r) {
        if (role(r) < 0)
            continue;
        target = r;
        if (item(r, NameColumn)->text().compare(QLatin1String("close"), Qt::CaseInsensitive) == 0)
            close = r;
    }
    if (close >= 0)
        target = close;
    if (target >= 0) {
        setRole(target, FeatureAndTarget);
        static_cast<QCheckBox*>(cellWidget(target, PlotColumn))->setChecked(true);
    }
    m_updating = false;
    emit rolesChanged();
    emit plotChanged();
}

void ColumnRolesTable::addRow(const ColumnSummary& column, TimeFormat timeFormat)
{
    const int r = rowCount();
    insertRow(r);
    setItem(r, NameColumn, new QTableWidgetItem(QString::fromStdString(column.name)));
    setItem(r, TypeColumn, new QTableWidgetItem(QString::fromStdString(column_type_name(column, timeFormat))));
    setItem(r, MissingColumn, new QTableWidgetItem(QString::number(column.missing)));
    if (column.kind != ColumnKind::Number) {
        const QString why = column.kind == ColumnKind::Time ? tr("time axis") : tr("text (unused)");
        setItem(r, RoleColumn, new QTableWidgetItem(why));
        return;
    }
    auto* roleBox = new QComboBox;
    roleBox->addItems({tr("feature"), tr("target"), tr("feature + target"), tr("ignored")});
    connect(roleBox, &QComboBox::currentIndexChanged, this, [this, roleBox] {
        for (int row = 0; row < rowCount(); ++row)
            if (cellWidget(row, RoleColumn) == roleBox)
                onRoleChanged(row);
    });
    setCellWidget(r, RoleColumn, roleBox);
    auto* transformBox = new QComboBox;
    for (Transform t : transforms)
        transformBox->addItem(QString::fromUtf8(transform_name(t).data(), qsizetype(transform_name(t).size())));
    // Log returns for a positive series (prices, volumes); differences when zero or negative values occur.
    transformBox->setCurrentIndex(column.min > 0 ? 3 : 1);
    connect(transformBox, &QComboBox::currentIndexChanged, this, [this] { if (!m_updating) emit rolesChanged(); });
    setCellWidget(r, TransformColumn, transformBox);
    auto* plot = new QCheckBox;
    connect(plot, &QCheckBox::toggled, this, [this] { if (!m_updating) emit plotChanged(); });
    setCellWidget(r, PlotColumn, plot);
}

int ColumnRolesTable::role(int row) const
{
    auto* box = qobject_cast<QComboBox*>(cellWidget(row, RoleColumn));
    return box ? box->currentIndex() : -1;
}

void ColumnRolesTable::setRole(int row, int newRole)
{
    if (auto* box = qobject_cast<QComboBox*>(cellWidget(row, RoleColumn)))
        box->setCurrentIndex(newRole);
}

Transform ColumnRolesTable::transform(int row) const
{
    auto* box = qobject_cast<QComboBox*>(cellWidget(row, TransformColumn));
    return box ? transforms[box->currentIndex()] : Transform::Level;
}

void ColumnRolesTable::setTransform(int row, Transform value)
{
    if (auto* box = qobject_cast<QComboBox*>(cellWidget(row, TransformColumn)))
        box->setCurrentIndex(int(std::find(std::begin(transforms), std::end(transforms), value) - std::begin(transforms)));
}

void ColumnRolesTable::onRoleChanged(int row)
{
    if (m_updating)
        return;
    const int chosen = role(row);
    m_updating = true;
    if (chosen == Target || chosen == FeatureAndTarget) {
        for (int r = 0; r < rowCount(); ++r) {
            if (r == row)
                continue;
            if (role(r) == Target)
                setRole(r, Ignored);
            else if (role(r) == FeatureAndTarget)
                setRole(r, Feature);
        }
    }
    m_updating = false;
    emit rolesChanged();
}

void ColumnRolesTable::applyConfig(const PipelineConfig& config)
{
    m_updating = true;
    for (int r = 0; r < rowCount(); ++r) {
        if (role(r) < 0)
            continue;
        const std::string name = item(r, NameColumn)->text().toStdString();
        const auto feature = std::find_if(config.features.begin(), config.features.end(),
                                          [&](const ChannelConfig& c) { return c.column == name; });
        const bool isFeature = feature != config.features.end();
        const bool isTarget = config.target.column == name;
        setRole(r, isFeature && isTarget ? FeatureAndTarget : isTarget ? Target : isFeature ? Feature : Ignored);
        if (isTarget)
            setTransform(r, config.target.transform);
        else if (isFeature)
            setTransform(r, feature->transform);
    }
    m_updating = false;
    emit rolesChanged();
}

std::vector<ChannelConfig> ColumnRolesTable::features() const
{
    std::vector<ChannelConfig> out;
    for (int r = 0; r < rowCount(); ++r)
        if (role(r) == Feature || role(r) == FeatureAndTarget)
            out.push_back({item(r, NameColumn)->text().toStdString(), transform(r)});
    return out;
}

std::optional<ChannelConfig> ColumnRolesTable::target() const
{
    for (int r = 0; r < rowCount(); ++r)
        if (role(r) == Target || role(r) == FeatureAndTarget)
            return ChannelConfig{item(r, NameColumn)->text().toStdString(), transform(r)};
    return std::nullopt;
}

QStringList ColumnRolesTable::plottedColumns() const
{
    QStringList out;
    for (int r = 0; r < rowCount(); ++r)
        if (auto* box = qobject_cast<QCheckBox*>(cellWidget(r, PlotColumn)); box && box->isChecked())
            out << item(r, NameColumn)->text();
    return out;
}

} // namespace lstmlab::ui
