// ColumnRolesTable: one row per CSV column with its type, missing count, role (feature / target /
// feature + target / ignored), transform and a "plot" check box. Exactly one column is the target:
// choosing a new one demotes the old. The time column and text columns cannot take a role.
#pragma once

#include "engine/data/inspect.h"
#include "engine/data/pipeline.h"

#include <QTableWidget>

#include <optional>

namespace lstmlab::ui {

class ColumnRolesTable : public QTableWidget {
    Q_OBJECT
public:
    explicit ColumnRolesTable(QWidget* parent = nullptr);

    // New file: default roles (every number column a feature, "Close" or the last one the target,
    // log returns for positive series, differences otherwise).
    void setColumns(const InspectReport& report);
    // Roles and transforms from a saved configuration, matched by column name.
    void applyConfig(const PipelineConfig& config);

    std::vector<ChannelConfig> features() const;
    std::optional<ChannelConfig> target() const;
    QStringList plottedColumns() const;

signals:
    void rolesChanged();
    void plotChanged();

private:
    enum Role { Feature, Target, FeatureAndTarget, Ignored };
    void addRow(const ColumnSummary& column, TimeFormat timeFormat);
    void onRoleChanged(int row);
    int role(int row) const;
    void setRole(int row, int role);
    Transform transform(int row) const;
    void setTransform(int row, Transform transform);
    bool m_updating = false;
};

} // namespace lstmlab::ui
